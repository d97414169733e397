package dev.baton;

/**
 * Runs tasks of one type. Register it with {@link BatonBuilder#handle(TaskType, TaskHandler)}.
 *
 * <p>Return the task's result (any value Jackson can write, or null), or an {@link Outcome} to
 * retry after a delay, suspend with state, or fail without retry. A thrown exception is a failed
 * attempt that the retry policy may retry. The thread is interrupted when the task times out, is
 * canceled, loses its lease, or the grace period of a shutdown ends: handlers that block should let
 * {@link InterruptedException} propagate.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TaskHandler<T> {
  /**
   * Runs one attempt.
   *
   * @param payload the task's payload
   * @param context the run's context: id, attempt, private state, key-value store
   * @return the result, or an {@link Outcome}
   * @throws Exception a failed attempt, retried under the retry policy
   */
  Object handle(T payload, TaskContext context) throws Exception;
}
