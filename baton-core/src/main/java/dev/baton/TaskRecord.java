package dev.baton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one task as its backend stores it. JSON fields hold text exactly as stored.
 *
 * @param id the task's id
 * @param type the task type's name, which picks the handler
 * @param queue the queue it waits in
 * @param payload the payload as JSON
 * @param priority 0 to 10, higher runs first
 * @param runAt when it is (or was) due
 * @param status where it is in the state machine
 * @param attempts attempts spent so far, counting a running one
 * @param maxAttempts attempts allowed before it fails for good
 * @param timeout the longest a single run may take, or null for the handler's default
 * @param leaseOwner the worker node that holds it while RUNNING, else null
 * @param leaseToken the fencing token of the current claim while RUNNING, else null
 * @param leaseDeadline when the lease runs out while RUNNING, else null
 * @param state private handler state as JSON, kept across suspends and restarts, or null
 * @param result the handler's result as JSON once SUCCEEDED, or null
 * @param errors one entry per failed attempt, oldest first
 * @param executionTime run time summed over all attempts
 * @param correlationId a caller's tag that links tasks of one flow, or null
 * @param owner who asked for it (a user, a tenant), or null
 * @param scheduleId the schedule that made it, or null
 * @param createdAt when it was enqueued
 * @param startedAt when its latest run started, or null
 * @param finishedAt when it reached a terminal status, or null
 * @param updatedAt when it last changed
 * @param sequence enqueue order within its backend, the last tie-breaker for ready tasks
 */
public record TaskRecord(
    TaskId id,
    String type,
    String queue,
    String payload,
    int priority,
    Instant runAt,
    TaskStatus status,
    int attempts,
    int maxAttempts,
    Duration timeout,
    String leaseOwner,
    String leaseToken,
    Instant leaseDeadline,
    String state,
    String result,
    List<TaskError> errors,
    Duration executionTime,
    String correlationId,
    String owner,
    String scheduleId,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt,
    long sequence) {

  /**
   * Checks the required fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public TaskRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(runAt, "runAt");
    Objects.requireNonNull(status, "status");
    errors = errors == null ? List.of() : List.copyOf(errors);
    executionTime = executionTime == null ? Duration.ZERO : executionTime;
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The latest failed attempt, if any.
   *
   * @return the last entry of {@link #errors()}, or null when there is none
   */
  public TaskError lastError() {
    return errors.isEmpty() ? null : errors.get(errors.size() - 1);
  }
}
