package dev.baton.internal;

import dev.baton.Enqueue;
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
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The schedules API: checks specs, stores them, and makes the tasks of ticks and triggers. */
final class ScheduleService implements Schedules {
  private static final int CAS_ATTEMPTS = 20;

  /** The longest interval: its ticks stay within the run-at range for a lifetime. */
  static final Duration MAX_INTERVAL = Duration.ofDays(36_500);

  /** A cron expression with no fire time this far ahead never fires (30 February, say). */
  static final Period CRON_HORIZON = Period.ofYears(10);

  private final TaskStore tasks;
  private final ScheduleStore store;
  private final TaskFactory factory;
  private final InstantSource clock;
  private final Runnable onChange;
  private final Duration minInterval;
  private final int maxCatchUp;
  private final Listeners listeners;

  ScheduleService(
      TaskStore tasks,
      TaskFactory factory,
      InstantSource clock,
      Runnable onChange,
      Duration minInterval,
      int maxCatchUp,
      Listeners listeners) {
    this.tasks = tasks;
    this.store = tasks.schedules();
    this.factory = factory;
    this.clock = clock;
    this.onChange = onChange;
    this.minInterval = minInterval;
    this.maxCatchUp = maxCatchUp;
    this.listeners = listeners;
  }

  @Override
  public <T> ScheduleRecord cron(
      String name, String expression, ZoneId zone, TaskType<T> type, T payload) {
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
      throw new IllegalArgumentException(
          "schedule '" + spec.name() + "' has no task: call task(type, payload)");
    }
    String zone = spec.zone() == null ? null : spec.zone().getId();
    if (spec.kind() != ScheduleKind.CRON && zone != null) {
      zone = null; // only cron reads wall-clock time
    }
    Plan plan = Plan.of(spec.kind(), spec.expression(), zone);
    Instant now = clock.instant();
    Instant first = checkTiming(plan, spec.expression(), now);
    TaskRequest request = spec.task();
    TaskType<?> type = factory.typeOf(request);
    String payload = factory.payloadOf(request, type, "schedule '" + spec.name() + "' payload");
    var record =
        ScheduleRecord.builder()
            .name(spec.name())
            .kind(spec.kind())
            .expression(spec.expression().trim())
            .zone(zone)
            .taskType(type.name())
            .payload(payload)
            .queue(request.options().queue() != null ? request.options().queue() : type.queue())
            .priority(
                request.options().priority() != null
                    ? request.options().priority()
                    : type.priority())
            .maxRuns(spec.maxRuns())
            .runCount(0)
            .enabled(true)
            .lastRunAt(null)
            .nextRunAt(first)
            .description(spec.description())
            .misfirePolicy(spec.misfire())
            .createdAt(now)
            .updatedAt(now)
            .version(0)
            .build();
    ScheduleRecord stored = store.upsert(record);
    onChange.run();
    return stored;
  }

  /**
   * Refuses timings that would flood a queue, never fire, or fall outside the run-at range.
   *
   * @return the first fire time
   */
  private Instant checkTiming(Plan plan, String expression, Instant now) {
    switch (plan) {
      case Plan.Interval interval -> {
        if (interval.every().compareTo(minInterval) < 0) {
          throw new IllegalArgumentException(
              "interval must be at least "
                  + minInterval
                  + " (the minimum interval) but was '"
                  + expression
                  + "'");
        }
        if (interval.every().compareTo(MAX_INTERVAL) > 0) {
          throw new IllegalArgumentException(
              "interval must be at most " + MAX_INTERVAL + " but was '" + expression + "'");
        }
      }
      case Plan.Once once -> Enqueue.checkRunAt("once time", once.at());
      case CronPlan cron -> {
        Instant first = cron.first(now);
        if (first == null
            || first.isAfter(now.atOffset(ZoneOffset.UTC).plus(CRON_HORIZON).toInstant())) {
          throw new IllegalArgumentException(
              "bad cron expression '"
                  + expression
                  + "': it never fires (no fire time in the next "
                  + CRON_HORIZON.getYears()
                  + " years)");
        }
      }
    }
    return plan.first(now);
  }

  @Override
  public boolean pause(String name) {
    return change(
        name,
        s ->
            s.enabled()
                ? new Change(
                    withRunState(s, false, s.runCount(), s.lastRunAt(), s.nextRunAt()), List.of())
                : null);
  }

  @Override
  public boolean resume(String name) {
    Scheduler.Step[] fired = new Scheduler.Step[1];
    boolean resumed =
        change(
            name,
            s -> {
              fired[0] = null;
              if (s.enabled()) {
                return null;
              }
              if (s.nextRunAt() == null) {
                throw new IllegalStateException(
                    "schedule '"
                        + name
                        + "' is finished ("
                        + s.runCount()
                        + " runs); it has no next run to resume");
              }
              ScheduleRecord enabled =
                  withRunState(s, true, s.runCount(), s.lastRunAt(), s.nextRunAt());
              Instant now = clock.instant();
              if (enabled.nextRunAt().isAfter(now)) {
                return new Change(enabled, List.of());
              }
              // Ticks missed while paused are misfires however short the pause: the policy applies
              // here,
              // in the same compare-and-set as the resume, rather than letting the scheduler fire
              // them
              // one by one as merely late.
              Scheduler.Step step = Scheduler.step(this, enabled, now, true, maxCatchUp);
              fired[0] = step;
              return new Change(step.updated(), step.tasks());
            });
    if (resumed && fired[0] != null) {
      fired[0].report(listeners);
    }
    return resumed;
  }

  /** A run-state change and the tasks it makes in the same compare-and-set. */
  private record Change(ScheduleRecord updated, List<NewTask> tasks) {}

  /**
   * Applies a run-state change with compare-and-set; null from the change means "nothing to do".
   */
  private boolean change(String name, Function<ScheduleRecord, Change> update) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      ScheduleRecord current =
          store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
      Change change = update.apply(current);
      if (change == null) {
        return false;
      }
      if (store.advance(change.updated(), current.version(), change.tasks())) {
        onChange.run();
        return true;
      }
    }
    throw new IllegalStateException(
        "schedule '" + name + "' kept changing under " + CAS_ATTEMPTS + " attempts to update it");
  }

  @Override
  public boolean delete(String name) {
    boolean deleted = store.delete(name);
    onChange.run();
    return deleted;
  }

  @Override
  public Enqueued trigger(String name) {
    ScheduleRecord schedule =
        store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
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
    ScheduleRecord schedule =
        store.get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
    Plan plan = Plan.of(schedule.kind(), schedule.expression(), schedule.zone());
    List<Instant> times = new ArrayList<>(count);
    long left = schedule.maxRuns() == 0 ? Long.MAX_VALUE : schedule.maxRuns() - schedule.runCount();
    for (Instant t = schedule.nextRunAt();
        t != null && times.size() < count && left-- > 0;
        t = plan.next(t)) {
      times.add(t);
    }
    return times;
  }

  /** The task a tick makes; its id is deterministic so that a tick can never make two. */
  NewTask taskFor(ScheduleRecord schedule, Instant runAt, String tick) {
    return NewTask.builder()
        .id(TaskId.of(schedule.name() + "@" + tick))
        .type(schedule.taskType())
        .queue(schedule.queue())
        .payload(schedule.payload())
        .priority(schedule.priority())
        .runAt(runAt)
        .maxAttempts(factory.maxAttempts(schedule.taskType()))
        .retryPolicy(factory.retrySpec(schedule.taskType()))
        .timeout(factory.timeout(schedule.taskType()))
        .scheduleId(schedule.name())
        .build();
  }

  static ScheduleRecord withRunState(
      ScheduleRecord s, boolean enabled, long runCount, Instant lastRunAt, Instant nextRunAt) {
    return s.toBuilder()
        .enabled(enabled)
        .runCount(runCount)
        .lastRunAt(lastRunAt)
        .nextRunAt(nextRunAt)
        .build();
  }
}
