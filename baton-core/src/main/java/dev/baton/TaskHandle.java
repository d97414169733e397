package dev.baton;

import java.time.Duration;
import java.util.Optional;

/** A view of one task by id: read it, wait for it. */
public interface TaskHandle {
  /**
   * The task's id.
   *
   * @return the id
   */
  TaskId id();

  /**
   * Reads the task now.
   *
   * @return the task, or empty if no task has this id
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  Optional<TaskRecord> get();

  /**
   * Waits until the task is SUCCEEDED, FAILED or CANCELED. Completions in this process wake the
   * caller at once; completions elsewhere are seen by polling with growing intervals.
   *
   * @param timeout the longest wait
   * @return the task as it ended
   * @throws AwaitTimeoutException if it did not end in time
   * @throws TaskNotFoundException if no task has this id
   * @throws BatonException if the thread is interrupted (the interrupt flag is kept)
   */
  TaskRecord awaitDone(Duration timeout);

  /**
   * Waits for the task's result, as plain Java values (maps, lists, strings, numbers, booleans).
   *
   * @param timeout the longest wait
   * @return the result, or null if the handler returned none
   * @throws TaskFailedException if the task ended FAILED or CANCELED
   * @throws AwaitTimeoutException if it did not end in time
   * @throws TaskNotFoundException if no task has this id
   */
  Object await(Duration timeout);

  /**
   * Waits for the task's result, mapped to a class.
   *
   * @param timeout the longest wait
   * @param resultType the class to map the JSON result to
   * @param <R> the result type
   * @return the result, or null if the handler returned none
   * @throws TaskFailedException if the task ended FAILED or CANCELED
   * @throws AwaitTimeoutException if it did not end in time
   * @throws InvalidPayloadException if the result does not map to {@code resultType}
   * @throws TaskNotFoundException if no task has this id
   */
  <R> R await(Duration timeout, Class<R> resultType);
}
