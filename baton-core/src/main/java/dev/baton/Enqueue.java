package dev.baton;

import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Options for one enqueue. Every field is optional; null means "the task type's default". Build
 * with {@link #options()} and the fluent methods, each of which returns a new value:
 *
 * <pre>{@code
 * baton.enqueue(SEND_EMAIL, email, Enqueue.options().priority(8).delay(Duration.ofSeconds(30)));
 * }</pre>
 *
 * @param id an explicit id, which makes the enqueue idempotent, or null for a fresh one
 * @param queue the queue, or null for the type's
 * @param priority 0 to 10, or null for the type's
 * @param delay how long to wait before the task is ready, or null; now plus the delay must fall in
 *     the run-at range
 * @param runAt when the task becomes ready, or null; exclusive with {@code delay}; from {@link
 *     #MIN_RUN_AT} to {@link #MAX_RUN_AT}
 * @param maxAttempts the attempt limit, or null for the retry policy's (when {@code retry} is set)
 *     or else the type's
 * @param retry the retry policy, stored with the task, or null for the type's or else the node's
 *     ({@link BatonBuilder#retry}); see {@link TaskType} for how it and the attempt limit resolve
 * @param timeout the run-time limit, or null for the type's
 * @param correlationId a tag that links tasks of one flow, or null
 * @param owner who asked for the task, or null
 */
public record Enqueue(
    TaskId id,
    String queue,
    Integer priority,
    Duration delay,
    Instant runAt,
    Integer maxAttempts,
    RetryPolicy retry,
    Duration timeout,
    String correlationId,
    String owner) {

  /**
   * The earliest run-at time a task may be given: the Unix epoch. Earlier times mean "now" just as
   * well, and some backends store times as unsigned or positive epoch counts.
   */
  public static final Instant MIN_RUN_AT = Instant.EPOCH;

  /**
   * The latest run-at time a task may be given: the end of the year 2199. Every backend stores
   * times up to it exactly (Redis keeps epoch microseconds in a double, exact up to 2255), and the
   * time from any clock in the range to any run-at in it fits a signed 64-bit nanosecond count; a
   * run-at beyond it is almost always a typo. A fixed date, not "now plus N", so that every node
   * and every backend draws the line in the same place.
   */
  public static final Instant MAX_RUN_AT = Instant.parse("2199-12-31T23:59:59.999999Z");

  private static final Duration MAX_DELAY = Duration.between(MIN_RUN_AT, MAX_RUN_AT);

  private static final Enqueue DEFAULTS =
      new Enqueue(null, null, null, null, null, null, null, null, null, null);

  /**
   * Checks every field that is set.
   *
   * @throws IllegalArgumentException if the priority is outside 0-10, the delay is negative or
   *     longer than the run-at range, runAt is outside {@link #MIN_RUN_AT} to {@link #MAX_RUN_AT},
   *     both delay and runAt are set, maxAttempts is below 1, the timeout is not positive, or the
   *     queue name is malformed
   */
  public Enqueue {
    if (queue != null) {
      TaskType.requireName("queue", queue);
    }
    if (priority != null) {
      Priority.check(priority);
    }
    if (delay != null && delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative but was " + delay);
    }
    if (delay != null && delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "delay must be at most " + MAX_DELAY + " but was " + delay);
    }
    if (runAt != null) {
      checkRunAt("runAt", runAt);
    }
    if (delay != null && runAt != null) {
      throw new IllegalArgumentException(
          "set delay or runAt, not both (delay " + delay + ", runAt " + runAt + ")");
    }
    if (maxAttempts != null && maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
    if (correlationId != null && correlationId.length() > 200) {
      throw new IllegalArgumentException(
          "correlationId must be at most 200 characters but was " + correlationId.length());
    }
  }

  /**
   * Checks that a run-at time lies in the documented range.
   *
   * @param field the name of the field, for the message
   * @param runAt the time
   * @return the time
   * @throws IllegalArgumentException if it is before {@link #MIN_RUN_AT} or after {@link
   *     #MAX_RUN_AT}
   */
  public static Instant checkRunAt(String field, Instant runAt) {
    if (runAt.isBefore(MIN_RUN_AT) || runAt.isAfter(MAX_RUN_AT)) {
      throw new IllegalArgumentException(
          field + " must be between " + MIN_RUN_AT + " and " + MAX_RUN_AT + " but was " + runAt);
    }
    return runAt;
  }

  /**
   * The empty options: every field takes its default.
   *
   * @return options with nothing set
   */
  public static Enqueue options() {
    return DEFAULTS;
  }

  /**
   * Sets an explicit id: a second enqueue with the same id creates nothing.
   *
   * @param id the id
   * @return the new options
   * @throws IllegalArgumentException if the id is blank or too long
   */
  public Enqueue id(String id) {
    return id(TaskId.of(id));
  }

  /**
   * Sets an explicit id: a second enqueue with the same id creates nothing.
   *
   * @param id the id
   * @return the new options
   */
  public Enqueue id(TaskId id) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the queue.
   *
   * @param queue the queue name
   * @return the new options
   * @throws IllegalArgumentException if the name is malformed
   */
  public Enqueue queue(String queue) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the priority.
   *
   * @param priority 0 to 10, higher runs first
   * @return the new options
   * @throws IllegalArgumentException if the priority is outside 0-10
   */
  public Enqueue priority(int priority) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Makes the task wait before it is ready. A delay and a run-at time do not mix: set one.
   *
   * @param delay zero or more, or null to clear it; now plus the delay must not pass {@link
   *     #MAX_RUN_AT}
   * @return the new options
   * @throws IllegalArgumentException if the delay is negative or longer than the run-at range, or a
   *     run-at time is set already
   */
  public Enqueue delay(Duration delay) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Makes the task ready at a given time; a time in the past means now. A delay and a run-at time
   * do not mix: set one.
   *
   * @param runAt when the task becomes ready, from {@link #MIN_RUN_AT} to {@link #MAX_RUN_AT}, or
   *     null to clear it
   * @return the new options
   * @throws IllegalArgumentException if runAt is outside that range, or a delay is set already
   */
  public Enqueue runAt(Instant runAt) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the attempt limit.
   *
   * @param maxAttempts at least 1
   * @return the new options
   * @throws IllegalArgumentException if maxAttempts is below 1
   */
  public Enqueue maxAttempts(int maxAttempts) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the retry policy for this task: the waits between its attempts and, unless {@link
   * #maxAttempts} is set too, its attempt limit. The policy is stored with the task, so every node
   * that runs it waits the same.
   *
   * @param retry the policy
   * @return the new options
   * @throws NullPointerException if retry is null
   */
  public Enqueue retry(RetryPolicy retry) {
    java.util.Objects.requireNonNull(retry, "retry");
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the run-time limit of each attempt.
   *
   * @param timeout positive
   * @return the new options
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public Enqueue timeout(Duration timeout) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the correlation id.
   *
   * @param correlationId at most 200 characters
   * @return the new options
   * @throws IllegalArgumentException if it is too long
   */
  public Enqueue correlationId(String correlationId) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }

  /**
   * Sets the owner.
   *
   * @param owner who asked for the task
   * @return the new options
   */
  public Enqueue owner(String owner) {
    return new Enqueue(
        id, queue, priority, delay, runAt, maxAttempts, retry, timeout, correlationId, owner);
  }
}
