package dev.baton.spi;

import dev.baton.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A task to insert, fully resolved by the engine: every default applied, the payload already JSON.
 * Build one with {@link #builder()}, which names each field, rather than positionally.
 *
 * @param id the id; an insert with an id that exists creates nothing
 * @param type the task type's name
 * @param queue the queue
 * @param payload the payload as JSON
 * @param priority 0 to 10
 * @param runAt when it becomes ready, or null for "now" on the store's clock
 * @param maxAttempts at least 1
 * @param retryPolicy the retry policy as {@link dev.baton.retry.RetryPolicy#spec()} writes it,
 *     stored as given; null leaves the delays to the running node's default
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
    String retryPolicy,
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

  /**
   * A builder with every field unset: {@code id}, {@code type}, {@code queue}, {@code payload} and
   * {@code maxAttempts} must be given before {@link Builder#build()}.
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
    b.maxAttempts = maxAttempts;
    b.retryPolicy = retryPolicy;
    b.timeout = timeout;
    b.correlationId = correlationId;
    b.owner = owner;
    b.scheduleId = scheduleId;
    return b;
  }

  /** Sets fields by name; {@link #build()} runs the canonical constructor's checks. */
  public static final class Builder {
    private TaskId id;
    private String type;
    private String queue;
    private String payload;
    private int priority;
    private Instant runAt;
    private int maxAttempts;
    private String retryPolicy;
    private Duration timeout;
    private String correlationId;
    private String owner;
    private String scheduleId;

    private Builder() {}

    /**
     * @param id the id; an insert with an id that exists creates nothing
     * @return this builder
     */
    public Builder id(TaskId id) {
      this.id = id;
      return this;
    }

    /**
     * @param type the task type's name
     * @return this builder
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /**
     * @param queue the queue
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
     * @param priority 0 to 10
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * @param runAt when it becomes ready, or null for "now" on the store's clock
     * @return this builder
     */
    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    /**
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * @param retryPolicy the retry policy as {@link dev.baton.retry.RetryPolicy#spec()} writes it,
     *     stored as given; null leaves the delays to the running node's default
     * @return this builder
     */
    public Builder retryPolicy(String retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * @param timeout the run-time limit, or null
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * @param correlationId a caller's tag, or null
     * @return this builder
     */
    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * @param owner who asked for it, or null
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
     * The task with the fields set so far.
     *
     * @return the task
     * @throws NullPointerException if id, type, queue or payload is unset
     * @throws IllegalArgumentException if maxAttempts is below 1 (or unset)
     */
    public NewTask build() {
      return new NewTask(
          id,
          type,
          queue,
          payload,
          priority,
          runAt,
          maxAttempts,
          retryPolicy,
          timeout,
          correlationId,
          owner,
          scheduleId);
    }
  }
}
