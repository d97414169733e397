package dev.baton.spi;

import dev.baton.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A task to insert, fully resolved by the engine: every default applied, the payload already JSON.
 *
 * @param id the id; an insert with an id that exists creates nothing
 * @param type the task type's name
 * @param queue the queue
 * @param payload the payload as JSON
 * @param priority 0 to 10
 * @param runAt when it becomes ready, or null for "now" on the store's clock
 * @param maxAttempts at least 1
 * @param timeout the run-time limit, or null
 * @param correlationId a caller's tag, or null
 * @param owner who asked for it, or null
 * @param scheduleId the schedule that made it, or null
 */
public record NewTask(
    TaskId id,
    String type,
    String queue,
    String payload,
    int priority,
    Instant runAt,
    int maxAttempts,
    Duration timeout,
    String correlationId,
    String owner,
    String scheduleId) {
  /**
   * Checks the required fields.
   *
   * @throws NullPointerException if id, type, queue or payload is null
   * @throws IllegalArgumentException if maxAttempts is below 1
   */
  public NewTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(payload, "payload");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
  }
}
