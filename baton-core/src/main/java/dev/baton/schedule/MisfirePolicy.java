package dev.baton.schedule;

/** What a schedule does with ticks it missed while no node ran it, or while it was paused. */
public enum MisfirePolicy {
  /** One catch-up run for all the missed ticks, then on with the plan. */
  FIRE_ONCE,
  /** Drop the missed ticks; the next run is the next planned time after now. */
  SKIP,
  /** Run every missed tick, up to a bound set on the engine. */
  FIRE_ALL
}
