package dev.baton;

import java.time.Duration;

/** Thrown by {@link TaskHandle#await} when the task did not finish in time. */
public class AwaitTimeoutException extends BatonException {
  /**
   * Makes the exception.
   *
   * @param id the awaited task
   * @param waited how long the caller waited
   * @param status the task's status when the wait ended
   */
  public AwaitTimeoutException(TaskId id, Duration waited, TaskStatus status) {
    super("Task did not finish within " + waited + " (id: " + id + ", status: " + status + ")");
  }
}
