package dev.baton.store.redis;

import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules as hashes. A tick's compare-and-set on the version and the insert of its tasks run in
 * one script, so a tick fires once however many nodes race for it.
 */
final class RedisSchedules implements ScheduleStore {
  private final RedisStore store;

  RedisSchedules(RedisStore store) {
    this.store = store;
  }

  private <T> T run(ScriptOutputType output, List<String> args) {
    return store.link().run(Script.SCHEDULE, output, args.toArray(String[]::new));
  }

  @Override
  public ScheduleRecord upsert(ScheduleRecord schedule) {
    List<String> fields = ScheduleCodec.scheduleFields(schedule);
    List<String> args = new ArrayList<>(fields.size() + 3);
    args.add(store.now());
    args.add("upsert");
    args.add(Integer.toString(fields.size() / 2));
    args.addAll(fields);
    List<Object> reply = run(ScriptOutputType.MULTI, args);
    return ScheduleCodec.schedule(reply);
  }

  @Override
  public Optional<ScheduleRecord> get(String name) {
    return Optional.ofNullable(
        ScheduleCodec.schedule(
            this.<List<Object>>run(ScriptOutputType.MULTI, List.of(store.now(), "get", name))));
  }

  @Override
  public List<ScheduleRecord> list(boolean enabledOnly) {
    List<Object> reply = run(ScriptOutputType.MULTI, List.of(store.now(), "list"));
    List<ScheduleRecord> schedules = new ArrayList<>(reply.size());
    for (Object item : reply) {
      ScheduleRecord schedule = ScheduleCodec.schedule(item);
      if (schedule != null && (!enabledOnly || schedule.enabled())) {
        schedules.add(schedule);
      }
    }
    return schedules;
  }

  @Override
  public boolean delete(String name) {
    Long deleted = run(ScriptOutputType.INTEGER, List.of(store.now(), "delete", name));
    return deleted == 1L;
  }

  @Override
  public boolean advance(ScheduleRecord updated, long expectedVersion, List<NewTask> tasks) {
    List<String> args = new ArrayList<>(tasks.size() * 6 + 10);
    args.add(store.now());
    args.add("advance");
    args.add(updated.name());
    args.add(Long.toString(expectedVersion));
    args.add(updated.enabled() ? "1" : "0");
    args.add(Long.toString(updated.runCount()));
    args.add(updated.lastRunAt() == null ? "" : TaskCodec.micros(updated.lastRunAt()));
    args.add(updated.nextRunAt() == null ? "" : TaskCodec.micros(updated.nextRunAt()));
    args.add(store.node());
    args.add(Integer.toString(tasks.size()));
    for (NewTask task : tasks) {
      TaskCodec.newTask(args, task);
    }
    List<Object> reply = run(ScriptOutputType.MULTI, args);
    if (((Long) reply.get(1)) == 1L) {
      store.wake();
    }
    return ((Long) reply.get(0)) == 1L;
  }
}
