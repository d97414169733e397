package dev.baton.internal;

import dev.baton.AdjustableClock;
import dev.baton.BatonException;
import dev.baton.Fetch;
import dev.baton.LeasedTask;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.event.TaskListener.RunEnd;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull side of an instance ({@link dev.baton.Baton#fetch}): claims for callers that run tasks
 * themselves, holds their leases and renews them, and stores each settlement before the caller's
 * call returns, so that a fenced one is refused to the caller instead of dropped. Started on the
 * first fetch: an instance that never pulls pays nothing for it.
 */
final class Puller {
  private static final Logger log = LoggerFactory.getLogger(Puller.class);
  private static final int CHUNK = 500;

  /**
   * The first nap after a claim that missed a task already due; doubled up to the poll interval.
   */
  private static final long FIRST_DUE_NAP = TimeUnit.MILLISECONDS.toNanos(1);

  private final Settings settings;
  private final TaskStore store;
  private final TaskTypes types;
  private final Json json;
  private final Outcomes outcomes;
  private final Completions completions;
  private final Listeners listeners;
  private final NodeCounters counters;
  private final ScheduledExecutorService timer;
  private final QueuePauses pauses;

  /** Whether this node must look for expired leases itself: its engine does when it runs. */
  private final boolean reap;

  /** Called when a settled task waits again, for the engine to learn its run-at. */
  private final Runnable requeued;

  private final String tokenPrefix = "pull-" + UUID.randomUUID() + "-";
  private final AtomicLong claims = new AtomicLong();
  private final Map<TaskId, PulledTask> held = new ConcurrentHashMap<>();
  private final AtomicBoolean started = new AtomicBoolean();
  // Fetches claim under the read lock; close takes the write lock to stop them, so that no claim
  // lands after the close has looked at what is held.
  private final ReentrantReadWriteLock claiming = new ReentrantReadWriteLock();
  // Wake-ups: a counter that every signal bumps, and a condition for fetches asleep on it. A fetch
  // reads the counter before it claims, so a signal during the claim is never slept through.
  private final AtomicLong signals = new AtomicLong();
  private final AtomicInteger sleepers = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean closing;

  Puller(
      Settings settings,
      TaskStore store,
      TaskTypes types,
      Json json,
      Completions completions,
      Listeners listeners,
      NodeCounters counters,
      ScheduledExecutorService timer,
      QueuePauses pauses,
      boolean reap,
      Runnable requeued) {
    this.settings = settings;
    this.store = store;
    this.types = types;
    this.json = json;
    this.outcomes = new Outcomes(json, settings.retry(), settings.clock());
    this.completions = completions;
    this.listeners = listeners;
    this.counters = counters;
    this.timer = timer;
    this.pauses = pauses;
    this.reap = reap;
    this.requeued = requeued;
  }

  /** Tasks may be ready: wakes waiting fetches. Cheap when none waits. */
  void wake() {
    signals.incrementAndGet();
    if (sleepers.get() > 0) {
      signalAll();
    }
  }

  private void signalAll() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  List<LeasedTask> fetch(Fetch fetch) {
    if (closing) {
      return List.of();
    }
    Set<String> queues = queues(fetch);
    Set<String> wanted = types(fetch);
    start();
    long timeout = Waits.nanos(fetch.timeout());
    long begun = System.nanoTime();
    long dueNap = FIRST_DUE_NAP;
    while (true) {
      long seen = signals.get();
      Set<String> active;
      claiming.readLock().lock();
      try {
        if (closing) {
          return List.of();
        }
        active = active(queues);
        if (!active.isEmpty()) {
          String token = tokenPrefix + claims.incrementAndGet();
          List<TaskRecord> claimed =
              store.claim(
                  new Claim(
                      settings.nodeId(), token, active, wanted, fetch.max(), settings.lease()));
          if (!claimed.isEmpty()) {
            return hold(claimed, fetch.renewLeases());
          }
        }
      } finally {
        claiming.readLock().unlock();
      }
      // Elapsed time against the timeout: a deadline of now plus a timeout of centuries overflows.
      long left = timeout - (System.nanoTime() - begun);
      if (left <= 0) {
        return List.of();
      }
      long poll = settings.pollInterval().toNanos();
      long untilDue = untilDue(active, wanted);
      long nap;
      if (untilDue > 0) {
        nap = Math.min(untilDue, poll);
        dueNap = FIRST_DUE_NAP;
      } else {
        // Due but not claimed: another node won it, it is being settled, or the backend's clock
        // is a little behind this node's. Look again soon, but less and less often: never a spin.
        nap = dueNap;
        dueNap = Math.min(dueNap * 2, poll);
      }
      sleep(seen, Math.min(left, nap));
    }
  }

  private Set<String> queues(Fetch fetch) {
    if (!fetch.queues().isEmpty()) {
      return fetch.queues();
    }
    if (!settings.queues().isEmpty()) {
      return settings.queues();
    }
    Set<String> queues = new LinkedHashSet<>();
    for (String name : types.names()) {
      queues.add(types.require(name).queue());
    }
    if (queues.isEmpty()) {
      throw new IllegalArgumentException(
          "the fetch names no queue and this instance knows no queue to take from:"
              + " name queues or types in the fetch, or set BatonBuilder.queues");
    }
    return queues;
  }

  private Set<String> types(Fetch fetch) {
    if (!fetch.types().isEmpty()) {
      return fetch.types();
    }
    Set<String> known = types.names();
    if (known.isEmpty()) {
      throw new IllegalArgumentException(
          "the fetch names no task type and this instance knows none:"
              + " name types in the fetch, or register them on the builder");
    }
    return known;
  }

  /** The fetch's queues less the paused ones. */
  private Set<String> active(Set<String> queues) {
    Set<String> paused = pauses.paused();
    if (paused.isEmpty()) {
      return queues;
    }
    Set<String> active = new LinkedHashSet<>(queues);
    active.removeAll(paused);
    return active;
  }

  /** Nanoseconds until the next waiting task of these queues and types is due; max when none. */
  private long untilDue(Set<String> queues, Set<String> wanted) {
    if (queues.isEmpty()) {
      return Long.MAX_VALUE;
    }
    Optional<Instant> next = store.nextRunAt(queues, wanted);
    return next.isEmpty()
        ? Long.MAX_VALUE
        : Waits.nanosBetween(settings.clock().instant(), next.get());
  }

  private void sleep(long seen, long nanos) {
    sleepers.incrementAndGet();
    lock.lock();
    try {
      long left = nanos;
      while (signals.get() == seen && left > 0 && !closing) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BatonException("Interrupted while waiting for tasks to fetch", e);
    } finally {
      lock.unlock();
      sleepers.decrementAndGet();
    }
  }

  private List<LeasedTask> hold(List<TaskRecord> claimed, boolean renew) {
    List<LeasedTask> tasks = new ArrayList<>(claimed.size());
    long now = System.nanoTime();
    for (TaskRecord task : claimed) {
      PulledTask pulled = new PulledTask(this, new Run(task), renew, settings.lease(), now);
      PulledTask earlier = held.put(task.id(), pulled);
      // Claimed again while an earlier fetch still held it: that lease is gone, whether or not a
      // renewal has noticed yet.
      if (earlier != null && earlier.loseLease(Run.Stop.LEASE_LOST)) {
        listeners.finished(earlier.record(), RunEnd.FENCED, earlier.ran());
      }
      tasks.add(pulled);
    }
    for (TaskRecord task : claimed) {
      listeners.started(task);
    }
    return tasks;
  }

  /** Starts renewing (and, when no engine does, reaping) and listening for wake-ups, once. */
  private void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    store.addWakeListener(this::wake);
    if (settings.clock() instanceof AdjustableClock adjustable) {
      adjustable.onAdjust(this::wake);
    }
    long renewEvery = Math.max(1, settings.lease().toMillis() / 3);
    timer.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    if (reap) {
      LeaseKeeper keeper =
          new LeaseKeeper(store, new Runs(), settings.lease(), listeners, this::requeue);
      long reapEvery = settings.reaperPeriod().toMillis();
      timer.scheduleWithFixedDelay(keeper::reap, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
    }
  }

  private void requeue() {
    wake();
    requeued.run();
  }

  /** Renews the leases of held tasks that asked for it, each to its own length. */
  void renew() {
    try {
      Map<Duration, List<PulledTask>> byLength = new LinkedHashMap<>();
      for (PulledTask task : held.values()) {
        if (task.renewed()) {
          byLength.computeIfAbsent(task.leaseLength(), k -> new ArrayList<>()).add(task);
        }
      }
      for (Map.Entry<Duration, List<PulledTask>> group : byLength.entrySet()) {
        List<PulledTask> tasks = group.getValue();
        for (int from = 0; from < tasks.size(); from += CHUNK) {
          List<PulledTask> chunk = tasks.subList(from, Math.min(tasks.size(), from + CHUNK));
          List<Lease> leases = chunk.stream().map(task -> task.run().lease).toList();
          List<Boolean> kept = store.renew(leases, group.getKey());
          for (int i = 0; i < chunk.size(); i++) {
            // A task its caller is settling is left to the settlement's answer.
            if (!kept.get(i) && chunk.get(i).loseLease(Run.Stop.LEASE_LOST)) {
              log.warn(
                  "Lost the lease of pulled task {} ({}); its settlement will be refused",
                  chunk.get(i).id(),
                  chunk.get(i).record().type());
              drop(chunk.get(i));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("Renewing the leases of pulled tasks failed; will try again", e);
      listeners.backgroundError("renew", e);
    }
  }

  /** Extends one lease; false if it is lost. */
  boolean extend(Run run, Duration lease) {
    return store.renew(List.of(run.lease), lease).get(0);
  }

  InstantSource clock() {
    return settings.clock();
  }

  Json json() {
    return json;
  }

  Outcomes outcomes() {
    return outcomes;
  }

  /** Stores one settlement now; true if it applied, false if it was fenced off. */
  boolean store(Settlement settlement) {
    return store.settle(List.of(settlement)).get(0);
  }

  /** A held task was settled (or refused): no longer held; counters, listeners, awaiters told. */
  void settled(PulledTask task, Worker.Done done, boolean stored) {
    if (account(task, done, stored)) {
      requeue();
    }
    if (closing) {
      signalAll();
    }
  }

  /** Tells counters, listeners and awaiters; true if the task waits again. */
  private boolean account(PulledTask task, Worker.Done done, boolean stored) {
    boolean wasHeld = held.remove(task.id(), task);
    // A refused settlement of a task already dropped as lost was reported then.
    return (stored || wasHeld) && Settler.account(done, stored, counters, listeners, completions);
  }

  /**
   * Stores the settlements of tasks a batch has taken ({@link PulledTask#take}), one round trip per
   * chunk, and accounts each as {@link #settled} does; the flags say which applied. On a backend
   * failure the tasks of that chunk and the later ones are held again and the failure is thrown.
   */
  List<Boolean> settleTaken(List<PulledTask> tasks, List<Worker.Done> ends) {
    List<Boolean> applied = new ArrayList<>(tasks.size());
    boolean requeue = false;
    try {
      for (int from = 0; from < tasks.size(); from += Settler.MAX_BATCH) {
        int to = Math.min(tasks.size(), from + Settler.MAX_BATCH);
        List<Settlement> chunk = new ArrayList<>(to - from);
        for (Worker.Done done : ends.subList(from, to)) {
          chunk.add(done.settlement());
        }
        List<Boolean> stored;
        try {
          stored = store.settle(chunk);
        } catch (RuntimeException | Error e) {
          for (PulledTask task : tasks.subList(from, tasks.size())) {
            task.untake();
          }
          throw e;
        }
        for (int i = 0; i < stored.size(); i++) {
          PulledTask task = tasks.get(from + i);
          boolean ok = stored.get(i);
          task.answered(ok, null);
          requeue |= account(task, ends.get(from + i), ok);
          applied.add(ok);
        }
      }
    } finally {
      if (requeue) {
        requeue();
      }
      if (closing) {
        signalAll();
      }
    }
    return applied;
  }

  /** A cancel on this node: the held task's later settlement is refused at once. */
  void stopRun(TaskId id, Run.Stop reason) {
    PulledTask task = held.get(id);
    if (task != null && task.loseLease(reason)) {
      drop(task);
    }
  }

  /**
   * A held task whose lease is lost: no longer renewed or released, and its run ends fenced off, as
   * a handler's run does when its lease is lost.
   */
  void drop(PulledTask task) {
    if (held.remove(task.id(), task)) {
      listeners.finished(task.record(), RunEnd.FENCED, task.ran());
      if (closing) {
        signalAll();
      }
    }
  }

  /** Stops fetches: running ones return nothing, new ones return at once. */
  void beginClose() {
    claiming.writeLock().lock();
    try {
      closing = true;
    } finally {
      claiming.writeLock().unlock();
    }
    signalAll();
  }

  /**
   * Waits until {@code grace} nanoseconds after {@code begun} (a {@link System#nanoTime()}) for
   * callers to settle what they hold, then releases the rest without spending an attempt.
   */
  void close(long begun, long grace) {
    lock.lock();
    try {
      long left = grace - (System.nanoTime() - begun);
      while (!held.isEmpty() && left > 0) {
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    List<PulledTask> still = new ArrayList<>(held.values());
    if (!still.isEmpty()) {
      log.info("Shutdown grace ended with {} pulled tasks held; releasing them", still.size());
    }
    for (PulledTask task : still) {
      try {
        task.releaseAtShutdown();
      } catch (RuntimeException e) {
        log.warn(
            "Releasing pulled task {} failed; its lease will expire and it will run again",
            task.id(),
            e);
      }
    }
  }
}
