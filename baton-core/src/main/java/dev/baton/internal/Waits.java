package dev.baton.internal;

import java.time.Duration;
import java.time.Instant;

/** Nanosecond waits that saturate instead of overflowing for times far apart. */
final class Waits {
  private Waits() {}

  /**
   * Nanoseconds from {@code from} to {@code to}, negative when {@code to} is earlier; clamped to
   * the range of a long, since a due time centuries away cannot be counted in nanoseconds.
   */
  static long nanosBetween(Instant from, Instant to) {
    return nanos(Duration.between(from, to));
  }

  /** The duration in nanoseconds, clamped to the range of a long. */
  static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
