package dev.baton.retry;

import java.time.Duration;
import java.util.Objects;

record FixedRetry(Duration pause, int maxRetries) implements RetryPolicy {
  FixedRetry {
    Objects.requireNonNull(pause, "delay");
    if (pause.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative but was " + pause);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0 but was " + maxRetries);
    }
  }

  @Override
  public int maxAttempts() {
    return maxRetries + 1;
  }

  @Override
  public Duration delay(int failedAttempt) {
    return pause;
  }

  @Override
  public String spec() {
    return "fixed delay=" + pause + " retries=" + maxRetries;
  }
}
