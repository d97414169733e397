package dev.baton.spi;

import java.time.Duration;

/**
 * The delay of a background loop after a failed pass (a claim loop, a scheduler, a backend's
 * reconnect loop): the first delay, doubling while passes keep failing, capped, and back to nothing
 * after a pass that succeeds. By default 100 ms doubling up to 5 s. Not thread-safe: one loop owns
 * one instance.
 */
public final class Backoff {
  /** The first delay of the default backoff: 100 ms. */
  public static final Duration DEFAULT_FIRST = Duration.ofMillis(100);

  /** The longest delay of the default backoff: 5 s. */
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(5);

  private final long firstMillis;
  private final long maxMillis;
  private long millis;

  /** A backoff from {@link #DEFAULT_FIRST} up to {@link #DEFAULT_MAX}. */
  public Backoff() {
    this(DEFAULT_FIRST, DEFAULT_MAX);
  }

  /**
   * A backoff from {@code first}, doubling up to {@code max}.
   *
   * @param first the delay after the first failed pass, at least 1 ms
   * @param max the longest delay, at least {@code first}
   * @throws IllegalArgumentException if {@code first} is under 1 ms or {@code max} is under {@code
   *     first}
   * @throws NullPointerException if either is null
   */
  public Backoff(Duration first, Duration max) {
    long firstMs = first.toMillis();
    long maxMs = max.toMillis();
    if (firstMs < 1) {
      throw new IllegalArgumentException("first must be >= 1 ms but was " + first);
    }
    if (maxMs < firstMs) {
      throw new IllegalArgumentException("max must be >= first (" + first + ") but was " + max);
    }
    this.firstMillis = firstMs;
    this.maxMillis = maxMs;
  }

  /**
   * Records a failed pass.
   *
   * @return how long to wait before the next pass, in milliseconds
   */
  public long failed() {
    millis = Math.min(Math.max(firstMillis, millis * 2), maxMillis);
    return millis;
  }

  /**
   * Records a pass that went through: the next failure waits the first delay again.
   *
   * @return true if this pass ended a run of failed ones (a loop that recovered may say so)
   */
  public boolean succeeded() {
    boolean recovered = millis > 0;
    millis = 0;
    return recovered;
  }
}
