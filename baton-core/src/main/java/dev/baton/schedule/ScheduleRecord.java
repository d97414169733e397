package dev.baton.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule as its backend stores it.
 *
 * @param name the unique name, which is also its id
 * @param kind how fire times are computed
 * @param expression the duration, cron expression or instant, per {@code kind}
 * @param zone the time zone id for cron schedules, or null for UTC
 * @param taskType the type of the tasks it makes
 * @param payload their payload as JSON
 * @param queue their queue
 * @param priority their priority, 0 to 10
 * @param maxRuns the most runs it makes, 0 for no limit
 * @param runCount the runs it made so far
 * @param enabled false while paused or once finished; {@link #state()} tells the two apart
 * @param lastRunAt the planned time of its latest tick, or null
 * @param nextRunAt the planned time of its next tick, or null once finished
 * @param description what it is for, or null
 * @param misfirePolicy what to do with missed ticks
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 * @param version a counter bumped by every change, for compare-and-set
 */
public record ScheduleRecord(
    String name,
    ScheduleKind kind,
    String expression,
    String zone,
    String taskType,
    String payload,
    String queue,
    int priority,
    long maxRuns,
    long runCount,
    boolean enabled,
    Instant lastRunAt,
    Instant nextRunAt,
    String description,
    MisfirePolicy misfirePolicy,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  /**
   * Checks the required fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public ScheduleRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(taskType, "taskType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(misfirePolicy, "misfirePolicy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Where the schedule stands. A paused schedule keeps its next run time and a finished one has
   * none, so the state follows from {@code enabled} and {@code nextRunAt}.
   *
   * @return ACTIVE when enabled, PAUSED when disabled with a next run, FINISHED when disabled
   *     without one
   */
  public ScheduleState state() {
    if (enabled) {
      return ScheduleState.ACTIVE;
    }
    return nextRunAt == null ? ScheduleState.FINISHED : ScheduleState.PAUSED;
  }

  /**
   * Tells whether two records define the same schedule: every field a user sets is equal; run
   * state (run count, last and next run, enabled, times, version) is ignored.
   *
   * @param other the other record
   * @return true if the definitions match
   */
  public boolean sameDefinition(ScheduleRecord other) {
    return name.equals(other.name)
        && kind == other.kind
        && expression.equals(other.expression)
        && Objects.equals(zone, other.zone)
        && taskType.equals(other.taskType)
        && payload.equals(other.payload)
        && queue.equals(other.queue)
        && priority == other.priority
        && maxRuns == other.maxRuns
        && Objects.equals(description, other.description)
        && misfirePolicy == other.misfirePolicy;
  }
}
