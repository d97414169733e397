package dev.baton;

import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed task descriptor: the name that picks a handler, the payload class that JSON maps to, and
 * the defaults that tasks of this type get unless an enqueue overrides them.
 *
 * <pre>{@code
 * static final TaskType<Email> SEND_EMAIL = TaskType.of("send_email", Email.class);
 * static final TaskType<Report> REPORT =
 *     TaskType.of("report", Report.class).withQueue("reports").withTimeout(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Retries: each task is stored with one retry policy, which sets the waits between its attempts
 * on whichever node runs it. The policy is the enqueue's ({@link Enqueue#retry}), else the type's
 * ({@link #withRetry}), else the enqueuing node's ({@link BatonBuilder#retry}). The attempt limit,
 * stored alike, is the first of: the enqueue's {@link Enqueue#maxAttempts}, the enqueue's policy's,
 * the type's {@link #withMaxAttempts}, the type's policy's, the node's policy's. An explicit limit
 * thus beats a policy's on the same level, and anything set on the enqueue beats the type.
 *
 * @param name the type's name: letters, digits, {@code _ - . :}, at most 100 characters
 * @param payloadType the class payloads map to through Jackson
 * @param queue the queue its tasks go to by default
 * @param priority the default priority, 0 to 10
 * @param timeout the longest a run may take by default, or null for no limit
 * @param maxAttempts the default attempt limit, or 0 to use the retry policy's
 * @param retry the default retry policy, or null for the enqueuing node's
 * @param <T> the payload type
 */
public record TaskType<T>(
    String name,
    Class<T> payloadType,
    String queue,
    int priority,
    Duration timeout,
    int maxAttempts,
    RetryPolicy retry) {
  /** The queue tasks go to when nobody names one. */
  public static final String DEFAULT_QUEUE = "default";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException if the name or queue is malformed, the priority is outside
   *     0-10, the timeout is not positive, or maxAttempts is negative
   * @throws NullPointerException if the name, payload type or queue is null
   */
  public TaskType {
    requireName("task type name", name);
    Objects.requireNonNull(payloadType, "payloadType");
    requireName("queue", queue);
    Priority.check(priority);
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be >= 0 but was " + maxAttempts);
    }
  }

  /**
   * Describes a task type with the default queue, priority 0, no timeout, and the enqueuing node's
   * retry policy and its attempt limit.
   *
   * @param name the type's name
   * @param payloadType the payload class
   * @param <T> the payload type
   * @return the descriptor
   * @throws IllegalArgumentException if the name is malformed
   */
  public static <T> TaskType<T> of(String name, Class<T> payloadType) {
    return new TaskType<>(name, payloadType, DEFAULT_QUEUE, 0, null, 0, null);
  }

  /**
   * Returns a copy whose tasks go to another queue by default.
   *
   * @param queue the queue name
   * @return the new descriptor
   * @throws IllegalArgumentException if the queue name is malformed
   */
  public TaskType<T> withQueue(String queue) {
    return new TaskType<>(name, payloadType, queue, priority, timeout, maxAttempts, retry);
  }

  /**
   * Returns a copy with another default priority.
   *
   * @param priority 0 to 10, higher first
   * @return the new descriptor
   * @throws IllegalArgumentException if the priority is outside 0-10
   */
  public TaskType<T> withPriority(int priority) {
    return new TaskType<>(name, payloadType, queue, priority, timeout, maxAttempts, retry);
  }

  /**
   * Returns a copy with a default run-time limit.
   *
   * @param timeout the limit, positive
   * @return the new descriptor
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public TaskType<T> withTimeout(Duration timeout) {
    return new TaskType<>(name, payloadType, queue, priority, timeout, maxAttempts, retry);
  }

  /**
   * Returns a copy with a default attempt limit.
   *
   * @param maxAttempts at least 1
   * @return the new descriptor
   * @throws IllegalArgumentException if maxAttempts is below 1
   */
  public TaskType<T> withMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
    }
    return new TaskType<>(name, payloadType, queue, priority, timeout, maxAttempts, retry);
  }

  /**
   * Returns a copy with a default retry policy, stored with each task of this type unless the
   * enqueue sets its own. Its attempt limit applies unless {@link #withMaxAttempts} sets one.
   *
   * @param retry the policy
   * @return the new descriptor
   * @throws NullPointerException if retry is null
   */
  public TaskType<T> withRetry(RetryPolicy retry) {
    Objects.requireNonNull(retry, "retry");
    return new TaskType<>(name, payloadType, queue, priority, timeout, maxAttempts, retry);
  }

  /**
   * Checks a task type name by the rule {@link #of} applies: 1-100 letters, digits or {@code _ - .
   * :}.
   *
   * @param name the name
   * @return the name
   * @throws NullPointerException if the name is null
   * @throws IllegalArgumentException if the name is malformed
   */
  public static String checkName(String name) {
    requireName("task type name", name);
    return name;
  }

  /**
   * Checks a queue name by the one rule that task types, enqueues, the builder's queue list and
   * queue pauses all apply.
   *
   * @param queue the name
   * @return the name
   * @throws NullPointerException if the name is null
   * @throws IllegalArgumentException if the name is not 1-100 letters, digits or {@code _ - . :}
   */
  public static String checkQueueName(String queue) {
    requireName("queue", queue);
    return queue;
  }

  static void requireName(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what);
    }
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " must be 1-100 letters, digits or _ - . : but was '" + value + "'");
    }
  }
}
