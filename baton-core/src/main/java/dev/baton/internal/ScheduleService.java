package dev.baton.internal;

import dev.baton.Enqueued;
import dev.baton.TaskId;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleNotFoundException;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.schedule.ScheduleSpec;
import dev.baton.schedule.Schedules;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The schedules API: checks specs, stores them, and makes the tasks of ticks and triggers. */
final class ScheduleService implements Schedules {
  private static final int CAS_ATTEMPTS = 20;

  private final TaskStore tasks;
  private final ScheduleStore store;
  private final TaskFactory factory;
  private final InstantSource clock;
  private final Runnable onChange;

  ScheduleService(TaskStore tasks, TaskFactory factory, InstantSource clock, Runnable onChange) {
    this.tasks = tasks;
    this.store = tasks.schedules();
    this.factory = factory;
    this.clock = clock;
    this.onChange = onChange;
  }

  @Override
  public <T> ScheduleRecord cron(String name, String expression, ZoneId zone, TaskType<T> type, T payload) {
    return upsert(ScheduleSpec.cron(name, expression).zone(zone).task(type, payload));
  }

  @Override
  public <T> ScheduleRecord interval(String name, Duration every, TaskType<T> type, T payload) {
    return upsert(ScheduleSpec.interval(name, every).task(type, payload));
  }

  @Override
  public <T> ScheduleRecord once(String name, Instant at, TaskType<T> type, T payload) {
    return upsert(ScheduleSpec.once(name, at).task(type, payload));
  }

  @Override
  public ScheduleRecord upsert(ScheduleSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.task() == null) {
      throw new IllegalArgumentException("schedule '" + spec.name() + "' has no task: call task(type, payload)");
    }
    String zone = spec.zone() == null ? null : spec.zone().getId();
    if (spec.kind() != ScheduleKind.CRON && zone != null) {
      zone = null; // only cron reads wall-clock time
    }
    Plan plan = Plan.of(spec.kind(), spec.expression(), zone);
    TaskRequest request = spec.task();
    TaskType<?> type = factory.typeOf(request);
    String payload = factory.payloadOf(request, type, "schedule '" + spec.name() + "' payload");
    Instant now = clock.instant();
    var record = new ScheduleRecord(
        spec.name(), spec.kind(), spec.expression().trim(), zone, type.name(), payload,
        request.options().queue() != null ? request.options().queue() : type.queue(),
        request.options().priority() != null ? request.options().priority() : type.priority(),
        spec.maxRuns(), 0, true, null, plan.first(now), spec.description(), spec.misfire(),
        now, now, 0);
    ScheduleRecord stored = store.upsert(record);
    onChange.run();
    return stored;
  }

  @Override
  public boolean pause(String name) {
    return change(name, s -> s.enabled() ? withRunState(s, false, s.runCount(), s.lastRunAt(), s.nextRunAt()) : null);
  }

  @Override
  public boolean resume(String name) {
    return change(name, s -> {
      if (s.enabled()) {
        return null;
      }
      if (s.nextRunAt() == null) {
        throw new IllegalStateException("schedule '" + name + "' is finished (" + s.runCount() + " runs); it has no next run to resume");
      }
      return withRunState(s, true, s.runCount(), s.lastRunAt(), s.nextRunAt());
    });
  }

  /** Applies a run-state change with compare-and-set; null from the change means "nothing to do". */
  private boolean change(String name, UnaryOperator<ScheduleRecord> update) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      ScheduleRecord current = store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
      ScheduleRecord updated = update.apply(current);
      if (updated == null) {
        return false;
      }
      if (store.advance(updated, current.version(), List.of())) {
        onChange.run();
        return true;
      }
    }
    throw new IllegalStateException("schedule '" + name + "' kept changing under " + CAS_ATTEMPTS + " attempts to update it");
  }

  @Override
  public boolean delete(String name) {
    boolean deleted = store.delete(name);
    onChange.run();
    return deleted;
  }

  @Override
  public Enqueued trigger(String name) {
    ScheduleRecord schedule = store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
    Instant now = clock.instant();
    NewTask task = taskFor(schedule, now, "trigger@" + now);
    boolean created = tasks.enqueue(List.of(task)).get(0);
    return new Enqueued(task.id(), created);
  }

  @Override
  public Optional<ScheduleRecord> get(String name) {
    return store.get(name);
  }

  @Override
  public List<ScheduleRecord> list(boolean enabledOnly) {
    return store.list(enabledOnly);
  }

  @Override
  public List<Instant> nextFireTimes(String name, int count) {
    if (count < 1 || count > 1000) {
      throw new IllegalArgumentException("count must be between 1 and 1000 but was " + count);
    }
    ScheduleRecord schedule = store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
    Plan plan = Plan.of(schedule.kind(), schedule.expression(), schedule.zone());
    List<Instant> times = new ArrayList<>(count);
    long left = schedule.maxRuns() == 0 ? Long.MAX_VALUE : schedule.maxRuns() - schedule.runCount();
    for (Instant t = schedule.nextRunAt(); t != null && times.size() < count && left-- > 0; t = plan.next(t)) {
      times.add(t);
    }
    return times;
  }

  /** The task a tick makes; its id is deterministic so that a tick can never make two. */
  NewTask taskFor(ScheduleRecord schedule, Instant runAt, String tick) {
    return new NewTask(
        TaskId.of(schedule.name() + "@" + tick),
        schedule.taskType(),
        schedule.queue(),
        schedule.payload(),
        schedule.priority(),
        runAt,
        factory.maxAttempts(schedule.taskType()),
        factory.timeout(schedule.taskType()),
        null,
        null,
        schedule.name());
  }

  static ScheduleRecord withRunState(ScheduleRecord s, boolean enabled, long runCount, Instant lastRunAt, Instant nextRunAt) {
    return new ScheduleRecord(s.name(), s.kind(), s.expression(), s.zone(), s.taskType(),
        s.payload(), s.queue(), s.priority(), s.maxRuns(), runCount, enabled, lastRunAt,
        nextRunAt, s.description(), s.misfirePolicy(), s.createdAt(), s.updatedAt(), s.version());
  }
}
