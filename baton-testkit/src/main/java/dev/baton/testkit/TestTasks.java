package dev.baton.testkit;

import dev.baton.TaskId;
import dev.baton.spi.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds the {@link NewTask}s that store-level tests insert, with defaults for every field so that
 * a test names only what it is about:
 *
 * <pre>{@code
 * store.enqueue(List.of(TestTasks.newTask("a").priority(5).build()));
 * }</pre>
 */
public final class TestTasks {
  /** The task type of a task that names none. */
  public static final String TYPE = "job";

  /** The queue of a task that names none. */
  public static final String QUEUE = "default";

  /** The payload of a task that names none. */
  public static final String PAYLOAD = "{\"n\":1}";

  /** The attempt limit of a task that names none. */
  public static final int MAX_ATTEMPTS = 3;

  private TestTasks() {}

  /**
   * Starts a task with the given id and the defaults above: priority 0, ready now, no timeout.
   *
   * @param id the task's id
   * @return a builder
   * @throws IllegalArgumentException if the id is blank or too long
   */
  public static Builder newTask(String id) {
    return new Builder(TaskId.of(id));
  }

  /** A mutable builder of one {@link NewTask}; every setter returns this builder. */
  public static final class Builder {
    private final TaskId id;
    private String type = TYPE;
    private String queue = QUEUE;
    private String payload = PAYLOAD;
    private int priority;
    private Instant runAt;
    private int maxAttempts = MAX_ATTEMPTS;
    private Duration timeout;
    private String correlationId;
    private String owner;
    private String scheduleId;

    private Builder(TaskId id) {
      this.id = id;
    }

    /**
     * Sets the task type's name.
     *
     * @param type the name
     * @return this builder
     */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the queue.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder queue(String queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * Sets the payload.
     *
     * @param json the payload as JSON
     * @return this builder
     */
    public Builder payload(String json) {
      this.payload = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Sets the priority.
     *
     * @param priority 0 to 10
     * @return this builder
     */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Sets when the task becomes ready.
     *
     * @param runAt the instant, or null for the store's now
     * @return this builder
     */
    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    /**
     * Sets the attempt limit.
     *
     * @param maxAttempts at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the run-time limit.
     *
     * @param timeout the limit, or null
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the correlation id.
     *
     * @param correlationId the tag, or null
     * @return this builder
     */
    public Builder correlationId(String correlationId) {
      this.correlationId = correlationId;
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param owner who asked, or null
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets the schedule id.
     *
     * @param scheduleId the schedule that made the task, or null
     * @return this builder
     */
    public Builder scheduleId(String scheduleId) {
      this.scheduleId = scheduleId;
      return this;
    }

    /**
     * Makes the task.
     *
     * @return the new task
     * @throws IllegalArgumentException if maxAttempts is below 1
     */
    public NewTask build() {
      return NewTask.builder()
          .id(id)
          .type(type)
          .queue(queue)
          .payload(payload)
          .priority(priority)
          .runAt(runAt)
          .maxAttempts(maxAttempts)
          .timeout(timeout)
          .correlationId(correlationId)
          .owner(owner)
          .scheduleId(scheduleId)
          .build();
    }
  }
}
