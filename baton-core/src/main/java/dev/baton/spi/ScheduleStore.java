package dev.baton.spi;

import dev.baton.schedule.ScheduleRecord;
import java.util.List;
import java.util.Optional;

/**
 * The schedule part of the backend SPI. The engine computes fire times; the store keeps records and
 * makes each tick's compare-and-set and task insert one atomic step.
 */
public interface ScheduleStore {
  /**
   * Adds a schedule or updates its definition, by name. When no schedule has the name, stores
   * {@code schedule} as given with version 1. When one exists with the same definition (see {@link
   * ScheduleRecord#sameDefinition}), changes nothing: N nodes upserting at start-up create it once
   * and never reset its next run. When the definition differs, replaces the definition fields and
   * the next run with {@code schedule}'s, keeps run count, last run, enabled and created-at, and
   * bumps the version.
   *
   * @param schedule the schedule
   * @return the stored record after the call
   * @throws StoreException if the backend fails
   */
  ScheduleRecord upsert(ScheduleRecord schedule);

  /**
   * Reads one schedule.
   *
   * @param name the name
   * @return the schedule, or empty
   * @throws StoreException if the backend fails
   */
  Optional<ScheduleRecord> get(String name);

  /**
   * Lists schedules by name.
   *
   * @param enabledOnly true to leave out paused and finished ones
   * @return the schedules
   * @throws StoreException if the backend fails
   */
  List<ScheduleRecord> list(boolean enabledOnly);

  /**
   * Deletes a schedule. Tasks it made stay.
   *
   * @param name the name
   * @return true if it existed
   * @throws StoreException if the backend fails
   */
  boolean delete(String name);

  /**
   * Compare-and-set: if the stored schedule's version equals {@code expectedVersion}, replaces its
   * run state (enabled, run count, last run, next run) with {@code updated}'s, sets the version to
   * {@code expectedVersion + 1}, and inserts {@code tasks} (an id that exists is skipped, as in
   * {@link TaskStore#enqueue}), all in one atomic step where the backend allows.
   *
   * @param updated the schedule with its new run state
   * @param expectedVersion the version the caller read
   * @param tasks the tasks this tick makes, possibly none
   * @return true if this caller won; false if the version moved on (someone else won)
   * @throws StoreException if the backend fails
   */
  boolean advance(ScheduleRecord updated, long expectedVersion, List<NewTask> tasks);
}
