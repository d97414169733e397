package dev.baton.retry;

import java.time.Duration;

/**
 * How many attempts a task gets and how long to wait between them. Policies are values: build them
 * with the static factories and share them freely.
 *
 * <pre>{@code
 * RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxDelay(Duration.ofMinutes(1)).maxRetries(5)
 * }</pre>
 */
public interface RetryPolicy {
  /**
   * The attempt limit for tasks that do not set their own: one first attempt plus the retries.
   *
   * @return at least 1
   */
  int maxAttempts();

  /**
   * The wait before the next attempt, after attempt {@code failedAttempt} failed.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @return the delay, zero or more
   */
  Duration delay(int failedAttempt);

  /**
   * No retries: the first failure is final.
   *
   * @return the policy
   */
  static RetryPolicy none() {
    return new FixedRetry(Duration.ZERO, 0);
  }

  /**
   * The same delay before every retry.
   *
   * @param delay the wait, zero or more
   * @param maxRetries retries after the first attempt, zero or more
   * @return the policy
   * @throws IllegalArgumentException if the delay or maxRetries is negative
   */
  static RetryPolicy fixed(Duration delay, int maxRetries) {
    return new FixedRetry(delay, maxRetries);
  }

  /**
   * Delays that grow by {@code multiplier} each retry, from {@code initial}; refine it with {@link
   * ExponentialRetry#maxDelay}, {@link ExponentialRetry#maxRetries} and {@link
   * ExponentialRetry#jitter}. Defaults: no maximum delay below one day, {@value
   * ExponentialRetry#DEFAULT_MAX_RETRIES} retries, jitter {@value ExponentialRetry#DEFAULT_JITTER}.
   *
   * @param initial the first delay, positive
   * @param multiplier the growth factor, at least 1
   * @return the policy
   * @throws IllegalArgumentException if {@code initial} is not positive or {@code multiplier} is
   *     below 1
   */
  static ExponentialRetry exponential(Duration initial, double multiplier) {
    return new ExponentialRetry(
        initial,
        multiplier,
        Duration.ofDays(1),
        ExponentialRetry.DEFAULT_MAX_RETRIES,
        ExponentialRetry.DEFAULT_JITTER);
  }
}
