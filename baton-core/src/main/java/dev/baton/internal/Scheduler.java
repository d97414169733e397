package dev.baton.internal;

import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.Backoff;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due schedule ticks. Sleeps until the earliest next run (a timer, not a fixed poll), wakes
 * early when a schedule changes here or the clock is adjusted, and looks again at least every poll
 * interval for changes made by other nodes. Every tick is claimed by compare-and-set on the
 * schedule's version together with its task insert, so each fires once across all nodes.
 */
final class Scheduler implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private static final int MAX_COUNTED = 10_000;

  private final ScheduleStore store;
  private final ScheduleService service;
  private final InstantSource clock;
  private final Waiter waiter;
  private final Duration poll;
  private final Duration misfireThreshold;
  private final int maxCatchUp;
  private final Listeners listeners;
  private volatile boolean stopping;

  Scheduler(
      ScheduleStore store,
      ScheduleService service,
      InstantSource clock,
      Waiter waiter,
      Duration poll,
      Duration misfireThreshold,
      int maxCatchUp,
      Listeners listeners) {
    this.store = store;
    this.service = service;
    this.clock = clock;
    this.waiter = waiter;
    this.poll = poll;
    this.misfireThreshold = misfireThreshold;
    this.maxCatchUp = maxCatchUp;
    this.listeners = listeners;
  }

  void stop() {
    stopping = true;
    waiter.signal();
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff();
    List<ScheduleRecord> known = null;
    while (!stopping) {
      try {
        List<ScheduleRecord> schedules = known != null ? known : store.list(true);
        known = null;
        Wait wait = tick(schedules);
        backoff.succeeded();
        if (wait.nanos() > 0 && !waiter.await(wait.nanos()) && wait.untilDue()) {
          // Woken by the timer for a due tick, not by a change: the listing is still current, so
          // fire from it without a round trip. If it is stale after all, the compare-and-set
          // fails and the next pass lists afresh.
          known = schedules;
        }
      } catch (RuntimeException e) {
        long delay = backoff.failed();
        log.warn("Firing schedules failed; retrying in {} ms", delay, e);
        listeners.backgroundError("schedule", e);
        waiter.await(TimeUnit.MILLISECONDS.toNanos(delay));
      }
    }
  }

  /** How long to sleep (0: look again at once), and whether the sleep ends at a due tick. */
  record Wait(long nanos, boolean untilDue) {}

  /** Fires what is due in {@code schedules}. */
  Wait tick(List<ScheduleRecord> schedules) {
    Instant now = clock.instant();
    Instant earliest = null;
    boolean fired = false;
    for (ScheduleRecord schedule : schedules) {
      Instant next = schedule.nextRunAt();
      if (next == null) {
        continue;
      }
      if (!next.isAfter(now)) {
        fire(schedule, now);
        fired = true;
      } else if (earliest == null || next.isBefore(earliest)) {
        earliest = next;
      }
    }
    if (fired) {
      return new Wait(0, false);
    }
    long untilDue =
        earliest == null ? Long.MAX_VALUE : Waits.nanosBetween(clock.instant(), earliest);
    long pollNanos = poll.toNanos();
    return untilDue <= pollNanos
        ? new Wait(Math.max(1, untilDue), true)
        : new Wait(pollNanos, false);
  }

  /** Claims one due step of a schedule; losing the compare-and-set means another node fired it. */
  boolean fire(ScheduleRecord s, Instant now) {
    boolean late = Duration.between(s.nextRunAt(), now).compareTo(misfireThreshold) > 0;
    Step step = step(service, s, now, late, maxCatchUp);
    boolean won = store.advance(step.updated(), s.version(), step.tasks());
    if (won) {
      step.report(listeners);
    }
    return won;
  }

  /**
   * What firing a due schedule does: the tasks of the ticks it fires now and the schedule's new run
   * state, per its misfire policy.
   *
   * @param before the schedule as read
   * @param updated the schedule after the step, still at the version it was read at
   * @param tasks the tasks of the ticks fired
   * @param skipped how many due ticks were dropped
   */
  record Step(ScheduleRecord before, ScheduleRecord updated, List<NewTask> tasks, int skipped) {
    /** Logs and reports the step once its compare-and-set has won. */
    void report(Listeners listeners) {
      if (tasks.isEmpty()) {
        log.info(
            "Schedule '{}' skipped missed ticks from {} (misfire policy SKIP); next run {}",
            before.name(),
            before.nextRunAt(),
            updated.nextRunAt());
      }
      listeners.scheduleTicks(before, tasks.size(), skipped);
    }
  }

  /**
   * Plans one due step of {@code s}.
   *
   * @param late true when the due tick counts as missed, so that the misfire policy applies: it is
   *     later than the threshold, or the schedule is being resumed after a pause
   */
  static Step step(
      ScheduleService service, ScheduleRecord s, Instant now, boolean late, int maxCatchUp) {
    Plan plan = Plan.of(s.kind(), s.expression(), s.zone());
    List<Instant> ticks = new ArrayList<>();
    Instant next;
    if (s.kind() == ScheduleKind.ONCE) {
      ticks.add(s.nextRunAt());
      next = null;
    } else if (s.misfirePolicy() == MisfirePolicy.FIRE_ALL) {
      Instant t = s.nextRunAt();
      while (t != null && !t.isAfter(now) && ticks.size() < maxCatchUp) {
        ticks.add(t);
        t = plan.next(t);
      }
      next = t != null && !t.isAfter(now) ? nextAfter(plan, s.nextRunAt(), now) : t;
      if (t != null && !t.isAfter(now)) {
        log.warn(
            "Schedule '{}' missed more than {} ticks; fired {} and skipped the rest",
            s.name(),
            maxCatchUp,
            ticks.size());
      }
    } else {
      if (!(late && s.misfirePolicy() == MisfirePolicy.SKIP)) {
        ticks.add(s.nextRunAt());
      }
      // A tick within the threshold is not a misfire: fire it and let the loop fire the next due
      // one too, so a scheduler that fell a little behind catches up tick by tick.
      next = late ? nextAfter(plan, s.nextRunAt(), now) : plan.next(s.nextRunAt());
    }
    if (s.maxRuns() > 0 && s.runCount() + ticks.size() >= s.maxRuns()) {
      ticks = ticks.subList(0, (int) Math.max(0, s.maxRuns() - s.runCount()));
      next = null;
    }
    List<NewTask> tasks = new ArrayList<>(ticks.size());
    for (Instant tick : ticks) {
      tasks.add(service.taskFor(s, tick, tick.toString()));
    }
    Instant lastRun = ticks.isEmpty() ? s.lastRunAt() : ticks.get(ticks.size() - 1);
    ScheduleRecord updated =
        ScheduleService.withRunState(s, next != null, s.runCount() + ticks.size(), lastRun, next);
    int skipped = late ? Math.max(0, missed(plan, s, now) - ticks.size()) : 0;
    return new Step(s, updated, tasks, skipped);
  }

  /** Ticks due from the planned one up to now, counted up to a bound. */
  private static int missed(Plan plan, ScheduleRecord s, Instant now) {
    if (s.kind() == ScheduleKind.ONCE) {
      return 1;
    }
    int n = 0;
    for (Instant t = s.nextRunAt();
        t != null && !t.isAfter(now) && n < MAX_COUNTED;
        t = plan.next(t)) {
      n++;
    }
    return n;
  }

  private static Instant nextAfter(Plan plan, Instant planned, Instant now) {
    return plan instanceof Plan.Interval interval
        ? interval.nextOnGrid(planned, now)
        : plan.next(now);
  }
}
