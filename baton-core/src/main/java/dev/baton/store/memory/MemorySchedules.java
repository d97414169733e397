package dev.baton.store.memory;

import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/** Schedules under the task store's lock, so a tick's compare-and-set and its task are one step. */
final class MemorySchedules implements ScheduleStore {
  private final MemoryStore store;
  private final ReentrantLock lock;
  private final InstantSource clock;
  private final TreeMap<String, ScheduleRecord> schedules = new TreeMap<>();

  MemorySchedules(MemoryStore store, ReentrantLock lock, InstantSource clock) {
    this.store = store;
    this.lock = lock;
    this.clock = clock;
  }

  @Override
  public ScheduleRecord upsert(ScheduleRecord schedule) {
    lock.lock();
    try {
      Instant now = clock.instant();
      ScheduleRecord existing = schedules.get(schedule.name());
      ScheduleRecord stored;
      if (existing == null) {
        stored = schedule.toBuilder().createdAt(now).updatedAt(now).version(1).build();
      } else if (existing.sameDefinition(schedule)) {
        return existing;
      } else {
        stored =
            schedule.toBuilder()
                .runCount(existing.runCount())
                .enabled(existing.enabled())
                .lastRunAt(existing.lastRunAt())
                .createdAt(existing.createdAt())
                .updatedAt(now)
                .version(existing.version() + 1)
                .build();
      }
      schedules.put(stored.name(), stored);
      return stored;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<ScheduleRecord> get(String name) {
    lock.lock();
    try {
      return Optional.ofNullable(schedules.get(name));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ScheduleRecord> list(boolean enabledOnly) {
    lock.lock();
    try {
      List<ScheduleRecord> all = new ArrayList<>();
      for (ScheduleRecord schedule : schedules.values()) {
        if (!enabledOnly || schedule.enabled()) {
          all.add(schedule);
        }
      }
      return all;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String name) {
    lock.lock();
    try {
      return schedules.remove(name) != null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean advance(ScheduleRecord updated, long expectedVersion, List<NewTask> tasks) {
    lock.lock();
    try {
      ScheduleRecord existing = schedules.get(updated.name());
      if (existing == null || existing.version() != expectedVersion) {
        return false;
      }
      Instant now = clock.instant();
      schedules.put(
          existing.name(),
          existing.toBuilder()
              .enabled(updated.enabled())
              .runCount(updated.runCount())
              .lastRunAt(updated.lastRunAt())
              .nextRunAt(updated.nextRunAt())
              .updatedAt(now)
              .version(expectedVersion + 1)
              .build());
      store.insert(tasks, now);
    } finally {
      lock.unlock();
    }
    if (!tasks.isEmpty()) {
      store.wake();
    }
    return true;
  }
}
