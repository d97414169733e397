package dev.baton.internal;

import dev.baton.schedule.ScheduleKind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A schedule's timing: the planned fire times after a given one. */
sealed interface Plan permits Plan.Interval, Plan.Once, CronPlan {

  /** The first planned time strictly after {@code after}, or null when there is none. */
  Instant next(Instant after);

  /** The first time for a schedule stored at {@code now}. */
  Instant first(Instant now);

  /**
   * Parses a stored or requested timing.
   *
   * @throws IllegalArgumentException with the expression quoted and what is wrong
   */
  static Plan of(ScheduleKind kind, String expression, String zone) {
    return switch (kind) {
      case INTERVAL -> new Interval(duration(expression));
      case ONCE -> new Once(instant(expression));
      case CRON -> CronPlan.parse(expression, zone(zone));
    };
  }

  /**
   * Rounds up to whole microseconds, the finest grain backends store: a due time is then stored
   * exactly and a task can never become claimable before the time it was given.
   */
  static Instant ceilMicros(Instant instant) {
    if (instant == null || instant.getNano() % 1_000 == 0) {
      return instant;
    }
    return instant.plusNanos(1_000 - instant.getNano() % 1_000);
  }

  static ZoneId zone(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + zone + "': " + e.getMessage(), e);
    }
  }

  private static Duration duration(String text) {
    Duration every;
    try {
      every = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "interval '" + text + "' is not an ISO-8601 duration such as PT30S", e);
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("interval must be positive but was '" + text + "'");
    }
    return every;
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "time '" + text + "' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z", e);
    }
  }

  /** Every period, counted from the planned times, so late ticks do not push later ones back. */
  record Interval(Duration every) implements Plan {
    @Override
    public Instant next(Instant after) {
      return ceilMicros(after.plus(every));
    }

    @Override
    public Instant first(Instant now) {
      return ceilMicros(now.plus(every));
    }

    /** The first planned time after {@code now} on the grid through {@code planned}. */
    Instant nextOnGrid(Instant planned, Instant now) {
      if (planned.isAfter(now)) {
        return planned;
      }
      long periods = Duration.between(planned, now).dividedBy(every) + 1;
      return ceilMicros(planned.plus(every.multipliedBy(periods)));
    }
  }

  /** Once, at a time; a time in the past fires at once. */
  record Once(Instant at) implements Plan {
    @Override
    public Instant next(Instant after) {
      return null;
    }

    @Override
    public Instant first(Instant now) {
      return ceilMicros(at);
    }
  }
}
