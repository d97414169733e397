package dev.baton.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A schedule as its backend stores it. Build one with {@link #builder()} (or {@link #toBuilder()}
 * for a changed copy) rather than the canonical constructor, whose 18 arguments are positional and
 * hold runs of same-typed fields (four instants, seven strings) that a slip would swap unnoticed.
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
   * Tells whether two records define the same schedule: every field a user sets is equal; run state
   * (run count, last and next run, enabled, times, version) is ignored.
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

  /**
   * A builder with every field unset (numbers 0, {@code enabled} false, the rest null): the
   * required ones ({@code name}, {@code kind}, {@code expression}, {@code taskType}, {@code
   * payload}, {@code queue}, {@code misfirePolicy}, {@code createdAt}, {@code updatedAt}) must be
   * given before {@link Builder#build()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this record, to change a few fields of a copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.kind = kind;
    b.expression = expression;
    b.zone = zone;
    b.taskType = taskType;
    b.payload = payload;
    b.queue = queue;
    b.priority = priority;
    b.maxRuns = maxRuns;
    b.runCount = runCount;
    b.enabled = enabled;
    b.lastRunAt = lastRunAt;
    b.nextRunAt = nextRunAt;
    b.description = description;
    b.misfirePolicy = misfirePolicy;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.version = version;
    return b;
  }

  /** Sets fields by name; {@link #build()} checks them as the canonical constructor does. */
  public static final class Builder {
    private String name;
    private ScheduleKind kind;
    private String expression;
    private String zone;
    private String taskType;
    private String payload;
    private String queue;
    private int priority;
    private long maxRuns;
    private long runCount;
    private boolean enabled;
    private Instant lastRunAt;
    private Instant nextRunAt;
    private String description;
    private MisfirePolicy misfirePolicy;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    private Builder() {}

    /**
     * @param name the unique name, which is also its id
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * @param kind how fire times are computed
     * @return this builder
     */
    public Builder kind(ScheduleKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * @param expression the duration, cron expression or instant, per {@code kind}
     * @return this builder
     */
    public Builder expression(String expression) {
      this.expression = expression;
      return this;
    }

    /**
     * @param zone the time zone id for cron schedules, or null for UTC
     * @return this builder
     */
    public Builder zone(String zone) {
      this.zone = zone;
      return this;
    }

    /**
     * @param taskType the type of the tasks it makes
     * @return this builder
     */
    public Builder taskType(String taskType) {
      this.taskType = taskType;
      return this;
    }

    /**
     * @param payload their payload as JSON
     * @return this builder
     */
    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    /**
     * @param queue their queue
     * @return this builder
     */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /**
     * @param priority their priority, 0 to 10
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * @param maxRuns the most runs it makes, 0 for no limit
     * @return this builder
     */
    public Builder maxRuns(long maxRuns) {
      this.maxRuns = maxRuns;
      return this;
    }

    /**
     * @param runCount the runs it made so far
     * @return this builder
     */
    public Builder runCount(long runCount) {
      this.runCount = runCount;
      return this;
    }

    /**
     * @param enabled false while paused or once finished; {@link ScheduleRecord#state()} tells the
     *     two apart
     * @return this builder
     */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * @param lastRunAt the planned time of its latest tick, or null
     * @return this builder
     */
    public Builder lastRunAt(Instant lastRunAt) {
      this.lastRunAt = lastRunAt;
      return this;
    }

    /**
     * @param nextRunAt the planned time of its next tick, or null once finished
     * @return this builder
     */
    public Builder nextRunAt(Instant nextRunAt) {
      this.nextRunAt = nextRunAt;
      return this;
    }

    /**
     * @param description what it is for, or null
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * @param misfirePolicy what to do with missed ticks
     * @return this builder
     */
    public Builder misfirePolicy(MisfirePolicy misfirePolicy) {
      this.misfirePolicy = misfirePolicy;
      return this;
    }

    /**
     * @param createdAt when it was first stored
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * @param updatedAt when it last changed
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * @param version a counter bumped by every change, for compare-and-set
     * @return this builder
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * The record with the fields set so far.
     *
     * @return the record
     * @throws NullPointerException if a required field ({@code name}, {@code kind}, {@code
     *     expression}, {@code taskType}, {@code payload}, {@code queue}, {@code misfirePolicy},
     *     {@code createdAt}, {@code updatedAt}) is unset
     */
    public ScheduleRecord build() {
      return new ScheduleRecord(
          name,
          kind,
          expression,
          zone,
          taskType,
          payload,
          queue,
          priority,
          maxRuns,
          runCount,
          enabled,
          lastRunAt,
          nextRunAt,
          description,
          misfirePolicy,
          createdAt,
          updatedAt,
          version);
    }
  }
}
