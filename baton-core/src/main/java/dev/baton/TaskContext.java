package dev.baton;

import java.time.Instant;
import java.util.Optional;

/** What a handler knows about the run it is in. */
public interface TaskContext {
  /**
   * The running task's id.
   *
   * @return the id
   */
  TaskId taskId();

  /**
   * The task's type name.
   *
   * @return the type name
   */
  String type();

  /**
   * The current attempt, from 1. Suspends do not count.
   *
   * @return the attempt number
   */
  int attempt();

  /**
   * The attempt limit.
   *
   * @return the most attempts this task gets
   */
  int maxAttempts();

  /**
   * The correlation id the task was enqueued with.
   *
   * @return the correlation id, if any
   */
  Optional<String> correlationId();

  /**
   * The schedule that made this task.
   *
   * @return the schedule id, if a schedule made it
   */
  Optional<String> scheduleId();

  /**
   * When this run started.
   *
   * @return the start time
   */
  Instant startedAt();

  /**
   * The private state an earlier run kept with {@link Outcome#suspend}.
   *
   * @param type the class to map the JSON state to
   * @param <S> the state type
   * @return the state, or empty on a first run
   * @throws InvalidPayloadException if the stored state does not map to {@code type}
   */
  <S> Optional<S> state(Class<S> type);

  /**
   * The shared key-value store.
   *
   * @return the store, shared with every node on the backend
   */
  KeyValueStore store();
}
