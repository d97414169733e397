package dev.baton.schedule;

import dev.baton.Enqueued;
import dev.baton.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Recurring and one-off schedules, stored in the backend so they outlive restarts. Every tick makes
 * one task whose id is the schedule's name and the tick's planned time, and the tick is claimed
 * with a compare-and-set, so it fires exactly once however many nodes share the backend.
 *
 * <p>Times in a zone with daylight saving follow the wall clock: a time that a spring-forward gap
 * skips (02:30 when clocks jump from 02:00 to 03:00) fires once, at the same offset after the gap
 * (03:30); a time that a fall-back overlap repeats fires once, at its first occurrence.
 */
public interface Schedules {
  /**
   * Adds a cron schedule or updates it by name (see {@link #upsert}).
   *
   * @param name the name
   * @param expression 5 or 6 fields, or a macro such as {@code @daily}
   * @param zone the time zone to read it in
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the stored schedule
   * @throws IllegalArgumentException if the expression is bad (the message quotes it and names the
   *     field), or the name is malformed
   * @throws dev.baton.InvalidPayloadException if the payload cannot be written as JSON
   */
  <T> ScheduleRecord cron(String name, String expression, ZoneId zone, TaskType<T> type, T payload);

  /**
   * Adds an interval schedule or updates it by name; its ticks are one period apart on the planned
   * times, so lateness never accumulates.
   *
   * @param name the name
   * @param every the period, positive
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the stored schedule
   * @throws IllegalArgumentException if the period is not positive or the name malformed
   */
  <T> ScheduleRecord interval(String name, Duration every, TaskType<T> type, T payload);

  /**
   * Adds a one-off schedule or updates it by name. A time in the past fires at once.
   *
   * @param name the name
   * @param at when it fires
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the stored schedule
   * @throws IllegalArgumentException if the name is malformed
   */
  <T> ScheduleRecord once(String name, Instant at, TaskType<T> type, T payload);

  /**
   * Adds a schedule, or updates its definition when one has the name. Idempotent: an unchanged
   * definition leaves the stored schedule as it is (run count, next run), so N nodes that create
   * their schedules at start-up create each once. A changed definition keeps the run count and
   * plans the next run afresh from now.
   *
   * @param spec the schedule
   * @return the stored schedule
   * @throws IllegalArgumentException if the timing is bad (cron expression, zone, period), the spec
   *     has no task, or its options set more than queue and priority
   * @throws dev.baton.UnknownTaskTypeException if the task type is not known to this instance
   * @throws dev.baton.InvalidPayloadException if the payload does not fit the task type
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  ScheduleRecord upsert(ScheduleSpec spec);

  /**
   * Pauses a schedule: no new ticks fire until it is resumed.
   *
   * @param name the name
   * @return true if it was enabled and is now paused
   * @throws ScheduleNotFoundException if there is no such schedule
   */
  boolean pause(String name);

  /**
   * Resumes a paused schedule. Ticks missed while paused are treated by its misfire policy.
   *
   * @param name the name
   * @return true if it was paused and is now enabled
   * @throws ScheduleNotFoundException if there is no such schedule
   * @throws IllegalStateException if the schedule is finished (no next run)
   */
  boolean resume(String name);

  /**
   * Deletes a schedule; tasks it made stay.
   *
   * @param name the name
   * @return true if it existed
   */
  boolean delete(String name);

  /**
   * Enqueues the schedule's task now, outside its plan; run count and next run are unchanged.
   *
   * @param name the name
   * @return the task made
   * @throws ScheduleNotFoundException if there is no such schedule
   */
  Enqueued trigger(String name);

  /**
   * Reads one schedule.
   *
   * @param name the name
   * @return the schedule, or empty
   */
  Optional<ScheduleRecord> get(String name);

  /**
   * Lists schedules by name.
   *
   * @param enabledOnly true to leave out paused and finished ones
   * @return the schedules
   */
  List<ScheduleRecord> list(boolean enabledOnly);

  /**
   * The next fire times of a stored schedule, from its next run on.
   *
   * @param name the name
   * @param count how many, 1 to 1000
   * @return up to {@code count} instants, fewer when the schedule ends
   * @throws ScheduleNotFoundException if there is no such schedule
   * @throws IllegalArgumentException if count is out of range
   */
  List<Instant> nextFireTimes(String name, int count);
}
