package dev.baton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one task as its backend stores it. JSON fields hold text exactly as stored. Build
 * one with {@link #builder()} (or {@link #toBuilder()} for a changed copy) rather than the
 * canonical constructor, whose 26 arguments are positional.
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
 * @param retryPolicy the policy that decides the wait before each retry, as {@link
 *     dev.baton.retry.RetryPolicy#spec()} writes it, or null for a task stored before policies were
 *     stored with tasks: its retries wait as the running node's default policy says
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
    String retryPolicy,
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

  /**
   * A builder with every field unset: the required ones ({@code id}, {@code type}, {@code queue},
   * {@code payload}, {@code runAt}, {@code status}, {@code createdAt}, {@code updatedAt}) must be
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
    b.id = id;
    b.type = type;
    b.queue = queue;
    b.payload = payload;
    b.priority = priority;
    b.runAt = runAt;
    b.status = status;
    b.attempts = attempts;
    b.maxAttempts = maxAttempts;
    b.retryPolicy = retryPolicy;
    b.timeout = timeout;
    b.leaseOwner = leaseOwner;
    b.leaseToken = leaseToken;
    b.leaseDeadline = leaseDeadline;
    b.state = state;
    b.result = result;
    b.errors = errors;
    b.executionTime = executionTime;
    b.correlationId = correlationId;
    b.owner = owner;
    b.scheduleId = scheduleId;
    b.createdAt = createdAt;
    b.startedAt = startedAt;
    b.finishedAt = finishedAt;
    b.updatedAt = updatedAt;
    b.sequence = sequence;
    return b;
  }

  /** Sets fields by name; {@link #build()} checks them as the canonical constructor does. */
  public static final class Builder {
    private TaskId id;
    private String type;
    private String queue;
    private String payload;
    private int priority;
    private Instant runAt;
    private TaskStatus status;
    private int attempts;
    private int maxAttempts;
    private String retryPolicy;
    private Duration timeout;
    private String leaseOwner;
    private String leaseToken;
    private Instant leaseDeadline;
    private String state;
    private String result;
    private List<TaskError> errors;
    private Duration executionTime;
    private String correlationId;
    private String owner;
    private String scheduleId;
    private Instant createdAt;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant updatedAt;
    private long sequence;

    private Builder() {}

    /**
     * @param id the task's id
     * @return this builder
     */
    public Builder id(TaskId id) {
      this.id = id;
      return this;
    }

    /**
     * @param type the task type's name, which picks the handler
     * @return this builder
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /**
     * @param queue the queue it waits in
     * @return this builder
     */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /**
     * @param payload the payload as JSON
     * @return this builder
     */
    public Builder payload(String payload) {
      this.payload = payload;
      return this;
    }

    /**
     * @param priority 0 to 10, higher runs first
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * @param runAt when it is (or was) due
     * @return this builder
     */
    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    /**
     * @param status where it is in the state machine
     * @return this builder
     */
    public Builder status(TaskStatus status) {
      this.status = status;
      return this;
    }

    /**
     * @param attempts attempts spent so far, counting a running one
     * @return this builder
     */
    public Builder attempts(int attempts) {
      this.attempts = attempts;
      return this;
    }

    /**
     * @param maxAttempts attempts allowed before it fails for good
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * @param retryPolicy the policy that decides the wait before each retry, as {@link
     *     dev.baton.retry.RetryPolicy#spec()} writes it, or null for a task stored before policies
     *     were stored with tasks: its retries wait as the running node's default policy says
     * @return this builder
     */
    public Builder retryPolicy(String retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * @param timeout the longest a single run may take, or null for the handler's default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * @param leaseOwner the worker node that holds it while RUNNING, else null
     * @return this builder
     */
    public Builder leaseOwner(String leaseOwner) {
      this.leaseOwner = leaseOwner;
      return this;
    }

    /**
     * @param leaseToken the fencing token of the current claim while RUNNING, else null
     * @return this builder
     */
    public Builder leaseToken(String leaseToken) {
      this.leaseToken = leaseToken;
      return this;
    }

    /**
     * @param leaseDeadline when the lease runs out while RUNNING, else null
     * @return this builder
     */
    public Builder leaseDeadline(Instant leaseDeadline) {
      this.leaseDeadline = leaseDeadline;
      return this;
    }

    /**
     * @param state private handler state as JSON, kept across suspends and restarts, or null
     * @return this builder
     */
    public Builder state(String state) {
      this.state = state;
      return this;
    }

    /**
     * @param result the handler's result as JSON once SUCCEEDED, or null
     * @return this builder
     */
    public Builder result(String result) {
      this.result = result;
      return this;
    }

    /**
     * @param errors one entry per failed attempt, oldest first
     * @return this builder
     */
    public Builder errors(List<TaskError> errors) {
      this.errors = errors;
      return this;
    }

    /**
     * @param executionTime run time summed over all attempts
     * @return this builder
     */
    public Builder executionTime(Duration executionTime) {
      this.executionTime = executionTime;
      return this;
    }

    /**
     * @param correlationId a caller's tag that links tasks of one flow, or null
     * @return this builder
     */
    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * @param owner who asked for it (a user, a tenant), or null
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * @param scheduleId the schedule that made it, or null
     * @return this builder
     */
    public Builder scheduleId(String scheduleId) {
      this.scheduleId = scheduleId;
      return this;
    }

    /**
     * @param createdAt when it was enqueued
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * @param startedAt when its latest run started, or null
     * @return this builder
     */
    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * @param finishedAt when it reached a terminal status, or null
     * @return this builder
     */
    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
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
     * @param sequence enqueue order within its backend, the last tie-breaker for ready tasks
     * @return this builder
     */
    public Builder sequence(long sequence) {
      this.sequence = sequence;
      return this;
    }

    /**
     * The record with the fields set so far.
     *
     * @return the record
     * @throws NullPointerException if a required field ({@code id}, {@code type}, {@code queue},
     *     {@code payload}, {@code runAt}, {@code status}, {@code createdAt}, {@code updatedAt}) is
     *     unset
     */
    public TaskRecord build() {
      return new TaskRecord(
          id,
          type,
          queue,
          payload,
          priority,
          runAt,
          status,
          attempts,
          maxAttempts,
          retryPolicy,
          timeout,
          leaseOwner,
          leaseToken,
          leaseDeadline,
          state,
          result,
          errors,
          executionTime,
          correlationId,
          owner,
          scheduleId,
          createdAt,
          startedAt,
          finishedAt,
          updatedAt,
          sequence);
    }
  }
}
