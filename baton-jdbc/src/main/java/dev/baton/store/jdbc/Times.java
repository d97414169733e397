package dev.baton.store.jdbc;

import java.time.Duration;
import java.time.Instant;

/**
 * How instants and durations are stored: instants as epoch microseconds, durations as nanoseconds,
 * both in 64-bit integer columns so that the database compares and sorts them natively.
 * Microseconds are what PostgreSQL's timestamps hold too, so every dialect keeps the same
 * precision. Values beyond the range of a long saturate instead of failing.
 */
final class Times {
  private Times() {}

  static long micros(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds > Long.MAX_VALUE / 1_000_000 - 1) {
      return Long.MAX_VALUE;
    }
    if (seconds < Long.MIN_VALUE / 1_000_000 + 1) {
      return Long.MIN_VALUE;
    }
    return seconds * 1_000_000 + instant.getNano() / 1_000;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
  }

  static Long microsOrNull(Instant instant) {
    return instant == null ? null : micros(instant);
  }

  static Instant instantOrNull(Long micros) {
    return micros == null ? null : instant(micros);
  }

  /** Adds without overflowing: far-future deadlines stay far in the future. */
  static Instant plus(Instant instant, Duration duration) {
    try {
      return instant.plus(duration);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return duration.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  static Duration duration(long nanos) {
    return Duration.ofNanos(nanos);
  }
}
