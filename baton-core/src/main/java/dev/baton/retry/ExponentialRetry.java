package dev.baton.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff: the delay after attempt {@code n} fails is {@code initial *
 * multiplier^(n-1)}, capped at {@code maxDelay}, then shortened by a random fraction of at most
 * {@code jitter} so that tasks that failed together do not all come back together.
 *
 * @param initial the first delay
 * @param multiplier the growth factor
 * @param maxDelay the longest delay
 * @param maxRetries retries after the first attempt
 * @param jitter the largest random fraction taken off a delay, 0 to 1
 */
public record ExponentialRetry(
    Duration initial, double multiplier, Duration maxDelay, int maxRetries, double jitter)
    implements RetryPolicy {
  /** Retries unless set otherwise. */
  public static final int DEFAULT_MAX_RETRIES = 5;

  /** Jitter unless set otherwise. */
  public static final double DEFAULT_JITTER = 0.1;

  /**
   * Checks every field.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @throws NullPointerException if a duration is null
   */
  public ExponentialRetry {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial delay must be positive but was " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1 but was " + multiplier);
    }
    if (maxDelay.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be >= the initial delay " + initial + " but was " + maxDelay);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1 but was " + jitter);
    }
    // -0.0 would read back from the stored text as 0.0, a different record.
    jitter += 0.0;
  }

  /**
   * Caps the delay.
   *
   * @param maxDelay the longest delay, at least the initial one
   * @return the new policy
   * @throws IllegalArgumentException if maxDelay is below the initial delay
   */
  public ExponentialRetry maxDelay(Duration maxDelay) {
    return new ExponentialRetry(initial, multiplier, maxDelay, maxRetries, jitter);
  }

  /**
   * Sets how many retries follow the first attempt.
   *
   * @param maxRetries zero or more
   * @return the new policy
   * @throws IllegalArgumentException if maxRetries is negative
   */
  public ExponentialRetry maxRetries(int maxRetries) {
    return new ExponentialRetry(initial, multiplier, maxDelay, maxRetries, jitter);
  }

  /**
   * Sets the jitter; 0 makes delays exact.
   *
   * @param jitter 0 to 1
   * @return the new policy
   * @throws IllegalArgumentException if jitter is outside 0-1
   */
  public ExponentialRetry jitter(double jitter) {
    return new ExponentialRetry(initial, multiplier, maxDelay, maxRetries, jitter);
  }

  @Override
  public int maxAttempts() {
    return maxRetries + 1;
  }

  @Override
  public Duration delay(int failedAttempt) {
    double nanos = initial.toNanos() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
    double capped = Math.min(nanos, (double) maxDelay.toNanos());
    double jittered = capped * (1.0 - jitter * ThreadLocalRandom.current().nextDouble());
    return Duration.ofNanos((long) jittered);
  }

  @Override
  public String spec() {
    return "exponential initial="
        + initial
        + " multiplier="
        + Spec.number(multiplier)
        + " max="
        + maxDelay
        + " retries="
        + maxRetries
        + " jitter="
        + Spec.number(jitter);
  }
}
