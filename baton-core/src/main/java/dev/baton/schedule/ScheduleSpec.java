package dev.baton.schedule;

import dev.baton.Enqueue;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a schedule should be: its timing, the task it makes and how it behaves. Build with {@link
 * #cron}, {@link #interval} or {@link #once}, then {@link #task} and the other fluent methods, and
 * hand it to {@link Schedules#upsert(ScheduleSpec)}:
 *
 * <pre>{@code
 * baton.schedules().upsert(
 *     ScheduleSpec.cron("nightly-report", "0 2 * * *")
 *         .zone(ZoneId.of("Asia/Shanghai"))
 *         .task(REPORT, args)
 *         .misfire(MisfirePolicy.SKIP));
 * }</pre>
 *
 * @param name the unique name: letters, digits, {@code _ - . :}, at most 100 characters
 * @param kind how fire times are computed
 * @param expression an ISO-8601 duration, a cron expression or an ISO-8601 instant, per kind
 * @param zone the time zone cron times are read in; UTC when null
 * @param task the task each tick makes; only queue and priority are taken from its options
 * @param maxRuns the most runs, 0 for no limit
 * @param description what it is for, or null
 * @param misfire what to do with ticks missed while no node ran it or while it was paused
 */
public record ScheduleSpec(
    String name,
    ScheduleKind kind,
    String expression,
    ZoneId zone,
    TaskRequest task,
    long maxRuns,
    String description,
    MisfirePolicy misfire) {

  /**
   * Checks the fields that need no engine: name, expression present, max runs, options.
   *
   * @throws IllegalArgumentException if the name is malformed, maxRuns is negative, or the task's
   *     options set anything but queue and priority
   * @throws NullPointerException if name, kind, expression or misfire is null
   */
  public ScheduleSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_.:\\-]{1,100}")) {
      throw new IllegalArgumentException(
          "schedule name must be 1-100 letters, digits or _ - . : but was '" + name + "'");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(expression, "expression");
    Objects.requireNonNull(misfire, "misfire");
    if (maxRuns < 0) {
      throw new IllegalArgumentException("maxRuns must be >= 0 but was " + maxRuns);
    }
    if (task != null) {
      Enqueue o = task.options();
      if (o.id() != null
          || o.delay() != null
          || o.runAt() != null
          || o.maxAttempts() != null
          || o.retry() != null
          || o.timeout() != null
          || o.correlationId() != null
          || o.owner() != null) {
        throw new IllegalArgumentException(
            "schedule '"
                + name
                + "' takes only queue and priority from the task options; "
                + "ids come from the tick time and the rest from the task type");
      }
    }
  }

  /**
   * A cron schedule: 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first,
   * or a macro ({@code @hourly @daily @midnight @weekly @monthly @yearly @annually}).
   *
   * @param name the schedule's name
   * @param expression the cron expression; checked when the schedule is stored
   * @return the spec, in UTC until {@link #zone} says otherwise
   */
  public static ScheduleSpec cron(String name, String expression) {
    return new ScheduleSpec(
        name, ScheduleKind.CRON, expression, null, null, 0, null, MisfirePolicy.FIRE_ONCE);
  }

  /**
   * A schedule that fires every {@code every}, the first time one period after it is created.
   *
   * @param name the schedule's name
   * @param every the period, positive
   * @return the spec
   * @throws IllegalArgumentException if the period is not positive
   */
  public static ScheduleSpec interval(String name, Duration every) {
    if (every == null || every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException(
          "interval of schedule '" + name + "' must be positive but was " + every);
    }
    return new ScheduleSpec(
        name,
        ScheduleKind.INTERVAL,
        every.toString(),
        null,
        null,
        0,
        null,
        MisfirePolicy.FIRE_ONCE);
  }

  /**
   * A schedule that fires once at {@code at}. A time in the past fires at once.
   *
   * @param name the schedule's name
   * @param at when
   * @return the spec
   */
  public static ScheduleSpec once(String name, Instant at) {
    Objects.requireNonNull(at, "at");
    return new ScheduleSpec(
        name, ScheduleKind.ONCE, at.toString(), null, null, 0, null, MisfirePolicy.FIRE_ONCE);
  }

  /**
   * Sets the time zone cron times are read in.
   *
   * @param zone the zone
   * @return the new spec
   */
  public ScheduleSpec zone(ZoneId zone) {
    return new ScheduleSpec(name, kind, expression, zone, task, maxRuns, description, misfire);
  }

  /**
   * Sets the task each tick makes.
   *
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the new spec
   */
  public <T> ScheduleSpec task(TaskType<T> type, T payload) {
    return task(TaskRequest.of(type, payload));
  }

  /**
   * Sets the task each tick makes, with queue and priority in its options.
   *
   * @param request the task request
   * @return the new spec
   * @throws IllegalArgumentException if the options set more than queue and priority
   */
  public ScheduleSpec task(TaskRequest request) {
    return new ScheduleSpec(name, kind, expression, zone, request, maxRuns, description, misfire);
  }

  /**
   * Limits the number of runs; the schedule stops and is marked finished after the last.
   *
   * @param maxRuns at least 1, or 0 for no limit
   * @return the new spec
   * @throws IllegalArgumentException if negative
   */
  public ScheduleSpec maxRuns(long maxRuns) {
    return new ScheduleSpec(name, kind, expression, zone, task, maxRuns, description, misfire);
  }

  /**
   * Sets the description shown by the dashboard and the CLI.
   *
   * @param description the text
   * @return the new spec
   */
  public ScheduleSpec description(String description) {
    return new ScheduleSpec(name, kind, expression, zone, task, maxRuns, description, misfire);
  }

  /**
   * Sets the misfire policy.
   *
   * @param policy what to do with missed ticks
   * @return the new spec
   */
  public ScheduleSpec misfire(MisfirePolicy policy) {
    return new ScheduleSpec(name, kind, expression, zone, task, maxRuns, description, policy);
  }
}
