package dev.baton.schedule;

/** Where a schedule stands, derived from its stored run state ({@link ScheduleRecord#state()}). */
public enum ScheduleState {
  /** Enabled: ticks fire at its next run time. */
  ACTIVE,
  /** Paused by a user: it keeps its next run time, and {@link Schedules#resume} brings it back. */
  PAUSED,
  /** Done: a one-off that fired, or a schedule that reached its max runs. It has no next run. */
  FINISHED
}
