package dev.baton.schedule;

/** How a schedule computes its fire times. */
public enum ScheduleKind {
  /**
   * Every fixed period, anchored to the planned times so it never drifts. Expression: ISO-8601
   * duration.
   */
  INTERVAL,
  /** A cron expression (5 fields, 6 with seconds, or a macro) in the schedule's time zone. */
  CRON,
  /** Once, at an instant. Expression: ISO-8601 instant. */
  ONCE
}
