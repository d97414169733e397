package dev.baton;

/** Thrown by {@link TaskHandle#await} when the awaited task ended FAILED or CANCELED. */
public class TaskFailedException extends BatonException {
  private final transient TaskRecord task;

  /**
   * Makes the exception.
   *
   * @param task the task as it ended
   */
  public TaskFailedException(TaskRecord task) {
    super(describe(task));
    this.task = task;
  }

  /**
   * The task as it ended.
   *
   * @return the task record
   */
  public TaskRecord task() {
    return task;
  }

  private static String describe(TaskRecord task) {
    TaskError last = task.lastError();
    String why = last == null ? "" : ": " + last.message();
    return "Task "
        + task.status().name().toLowerCase(java.util.Locale.ROOT)
        + why
        + " (type: "
        + task.type()
        + ", id: "
        + task.id()
        + ", attempts: "
        + task.attempts()
        + ")";
  }
}
