package dev.baton;

import java.time.Duration;
import java.util.Objects;

/**
 * How a handler's run ended. A handler returns one of these (or any other value, which means {@link
 * Succeeded} with that value as the result); a thrown exception means a retryable failure. The
 * engine's switch over this sealed type is exhaustive.
 */
public sealed interface Outcome
    permits Outcome.Succeeded, Outcome.RetryAfter, Outcome.Suspend, Outcome.Fail {

  /**
   * The task is done; its result is stored as JSON.
   *
   * @param result the result, or null for none
   * @return the outcome
   */
  static Outcome success(Object result) {
    return new Succeeded(result);
  }

  /**
   * This attempt failed and the task should run again after {@code delay}, overriding the retry
   * policy's backoff. It spends an attempt: when none are left the task fails for good.
   *
   * @param delay how long to wait, zero or more
   * @param reason why, kept in the error history
   * @return the outcome
   * @throws IllegalArgumentException if the delay is negative
   */
  static Outcome retryAfter(Duration delay, String reason) {
    return new RetryAfter(delay, reason);
  }

  /**
   * Park the task until {@code after} has passed, keeping {@code state} for the next run (read it
   * with {@link TaskContext#state(Class)}). No attempt is spent, so a handler may suspend as often
   * as it needs: polling a long download, waiting on a remote job.
   *
   * @param after how long to wait, zero or more
   * @param state the state to keep as JSON, or null to keep none
   * @return the outcome
   * @throws IllegalArgumentException if {@code after} is negative
   */
  static Outcome suspend(Duration after, Object state) {
    return new Suspend(after, state);
  }

  /**
   * The task failed and must not be retried, whatever attempts are left.
   *
   * @param reason why, kept in the error history
   * @return the outcome
   */
  static Outcome fail(String reason) {
    return new Fail(reason);
  }

  /**
   * The task succeeded.
   *
   * @param result the result, or null
   */
  record Succeeded(Object result) implements Outcome {}

  /**
   * A failed attempt with an explicit delay before the next one.
   *
   * @param delay the delay before the next attempt
   * @param reason why, kept in the error history
   */
  record RetryAfter(Duration delay, String reason) implements Outcome {
    /**
     * Checks the delay.
     *
     * @throws IllegalArgumentException if the delay is negative
     * @throws NullPointerException if the delay is null
     */
    public RetryAfter {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative but was " + delay);
      }
    }
  }

  /**
   * A pause with kept state; no attempt spent.
   *
   * @param after how long to wait
   * @param state the state to keep, or null
   */
  record Suspend(Duration after, Object state) implements Outcome {
    /**
     * Checks the delay.
     *
     * @throws IllegalArgumentException if the delay is negative
     * @throws NullPointerException if the delay is null
     */
    public Suspend {
      Objects.requireNonNull(after, "after");
      if (after.isNegative()) {
        throw new IllegalArgumentException("suspend delay must not be negative but was " + after);
      }
    }
  }

  /**
   * A non-retryable failure.
   *
   * @param reason why
   */
  record Fail(String reason) implements Outcome {}
}
