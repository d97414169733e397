package dev.baton.internal;

import dev.baton.AdjustableClock;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.spi.Backoff;
import dev.baton.spi.Claim;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of an instance: one dispatcher thread claims batches when workers are free and
 * sleeps until woken (enqueue, freed workers, adjusted clock) or until the next task is due; a
 * fixed set of virtual worker threads pull the claimed runs and run handlers; the settler stores
 * outcomes; a timer renews leases, reaps expired ones and enforces timeouts.
 */
final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private final Settings settings;
  private final TaskStore store;
  private final Worker worker;
  private final Settler settler;
  private final LeaseKeeper leases;
  private final Listeners listeners;
  private final InstantSource clock;
  private final Set<String> types;
  private final QueuePauses pauses;
  private final Runs runs = new Runs();
  private final Waiter waiter = new Waiter();

  /**
   * Set by every signal that tasks may be ready (an enqueue, a store's wake-up, a requeue, a clock
   * change), and not by workers becoming free. After a claim that found fewer tasks than it asked
   * for, freed workers alone do not send the dispatcher into another claim: nothing new came, so it
   * would find nothing, at a round trip (and on SQL a statement) per task that trickles in.
   */
  private final AtomicBoolean workSignalled = new AtomicBoolean();

  private final RunQueue ready = new RunQueue(waiter::signal);

  /** Runs claimed and not yet finished by a worker: never more than there are workers. */
  private final AtomicInteger busy = new AtomicInteger();

  /**
   * While runs still wait, the dispatcher claims again only once this many workers are free: a few
   * large claims instead of one per finished run. With nothing waiting it claims for any free one.
   */
  private final int refill;

  // Claim tokens: unique per claim across nodes (a random prefix per engine) without paying for a
  // SecureRandom UUID on every claim.
  private final String tokenPrefix = UUID.randomUUID() + "-";
  private final AtomicLong claims = new AtomicLong();
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Condition idle = idleLock.newCondition();
  private final ScheduledThreadPoolExecutor timer;
  private final List<Thread> workers = new ArrayList<>();
  private Thread dispatcher;
  private Thread settlerThread;
  private volatile boolean stopping;

  Engine(
      Settings settings,
      TaskStore store,
      TaskTypes types,
      Json json,
      dev.baton.KeyValueStore kv,
      Completions completions,
      Listeners listeners,
      ScheduledThreadPoolExecutor timer,
      QueuePauses pauses,
      NodeCounters counters) {
    this.settings = settings;
    this.pauses = pauses;
    this.store = store;
    this.listeners = listeners;
    this.clock = settings.clock();
    this.types = Set.copyOf(types.handled());
    this.timer = timer;
    this.worker = new Worker(types, json, kv, settings.retry(), clock, timer, listeners, counters);
    this.settler =
        new Settler(store, runs, completions, listeners, counters, settings.lease(), this::wake);
    this.leases = new LeaseKeeper(store, runs, settings.lease(), listeners, this::wake);
    this.refill = Math.max(1, Math.min(settings.claimBatch(), settings.workers()) / 2);
  }

  boolean active() {
    return settings.workers() > 0 && !types.isEmpty() && !settings.queues().isEmpty();
  }

  void start() {
    store.addWakeListener(this::wake);
    if (clock instanceof AdjustableClock adjustable) {
      adjustable.onAdjust(this::wake);
    }
    settlerThread = Thread.ofPlatform().daemon().name("baton-settler").start(settler);
    for (int i = 0; i < settings.workers(); i++) {
      workers.add(Thread.ofVirtual().name("baton-worker-" + i).start(this::work));
    }
    long renewEvery = Math.max(1, settings.lease().toMillis() / 3);
    timer.scheduleWithFixedDelay(leases::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    long reapEvery = settings.reaperPeriod().toMillis();
    timer.scheduleWithFixedDelay(leases::reap, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
    dispatcher = Thread.ofPlatform().daemon().name("baton-dispatcher").start(this::dispatch);
  }

  /** Something may have become ready: look again now. */
  void wake() {
    workSignalled.set(true);
    waiter.signal();
  }

  /** Interrupts this node's run of a task, if it has one. */
  void stopRun(TaskId id, Run.Stop reason) {
    Run run = runs.get(id);
    if (run != null) {
      run.stop(reason);
    }
  }

  // Dispatcher-thread state. After a claim that found fewer than it asked for: until when the
  // dispatcher would sleep.
  private long exhaustedUntil;
  private boolean exhausted;

  private void dispatch() {
    // Grows while passes keep failing, whichever step failed (claim, next due time, ...), so a
    // persistent fault is logged ever less often; reset only by a pass that went through.
    Backoff backoff = new Backoff();
    while (!stopping) {
      try {
        dispatchOnce();
        backoff.succeeded();
      } catch (RuntimeException e) {
        long delay = backoff.failed();
        log.warn("Claiming tasks failed; retrying in {} ms", delay, e);
        listeners.backgroundError("claim", e);
        waiter.await(TimeUnit.MILLISECONDS.toNanos(delay));
      }
    }
  }

  /** One pass: claim for the free workers if there may be work, else sleep until there may be. */
  private void dispatchOnce() {
    if (exhausted && !workSignalled.get()) {
      long left = exhaustedUntil - System.nanoTime();
      if (left > 0) {
        // Woken by freed workers only: nothing new to claim before the next due task or poll.
        waiter.await(left);
        return;
      }
    }
    exhausted = false;
    int free = settings.workers() - busy.get();
    if (free <= 0 || (free < refill && ready.hasWaiting())) {
      waiter.await(settings.pollInterval().toNanos());
      return;
    }
    // Read after the free check: a claim never uses a list older than the last time workers
    // were all busy, which lets a test pause a queue while a node is busy and know it holds.
    Set<String> queues = activeQueues();
    if (queues.isEmpty()) {
      waiter.await(settings.pollInterval().toNanos());
      return;
    }
    int wanted = Math.min(free, settings.claimBatch());
    String token = tokenPrefix + claims.incrementAndGet();
    // Cleared before the claim, so that a signal during it leads to one more.
    workSignalled.set(false);
    List<TaskRecord> claimed =
        store.claim(new Claim(settings.nodeId(), token, queues, types, wanted, settings.lease()));
    List<Run> batch = new ArrayList<>(claimed.size());
    for (TaskRecord task : claimed) {
      batch.add(new Run(task));
    }
    if (!batch.isEmpty()) {
      runs.addAll(batch);
      busy.addAndGet(batch.size());
      ready.addAll(batch);
    }
    if (claimed.size() < wanted) {
      long idle = idleNanos(queues, claimed.isEmpty());
      exhausted = true;
      exhaustedUntil = System.nanoTime() + idle;
      waiter.await(idle);
    }
  }

  /** The served queues less the paused ones. */
  private Set<String> activeQueues() {
    Set<String> paused = pauses.paused();
    if (paused.isEmpty()) {
      return settings.queues();
    }
    Set<String> active = new LinkedHashSet<>(settings.queues());
    active.removeAll(paused);
    return active;
  }

  /** Sleeps until the next waiting task is due, but no longer than the poll interval. */
  private long idleNanos(Set<String> queues, boolean claimedNone) {
    long poll = settings.pollInterval().toNanos();
    Optional<Instant> next = store.nextRunAt(queues, types);
    if (next.isEmpty()) {
      return poll;
    }
    long untilDue = Waits.nanosBetween(clock.instant(), next.get());
    if (untilDue <= 0) {
      // Due but not claimed: another node won it, or it is being settled. Do not spin.
      return claimedNone ? TimeUnit.MILLISECONDS.toNanos(1) : 0;
    }
    return Math.min(untilDue, poll);
  }

  private void work() {
    RunQueue.Sleeper sleeper = new RunQueue.Sleeper();
    while (true) {
      Run run = ready.take(sleeper);
      if (run == null) {
        return;
      }
      try {
        Worker.Done done = worker.execute(run);
        if (run.markSettled()) {
          settler.submit(done);
        }
      } catch (RuntimeException | Error e) {
        log.error(
            "Worker failed on task {}; its lease will expire and it will run again",
            run.task.id(),
            e);
        runs.remove(run);
      } finally {
        int stillBusy = busy.decrementAndGet();
        if (stillBusy == 0) {
          signalIdle();
        }
        // Idle workers signal through the run queue; here only the crossing into a full refill.
        if (settings.workers() - stillBusy == refill) {
          waiter.signal();
        }
      }
    }
  }

  private void signalIdle() {
    idleLock.lock();
    try {
      idle.signalAll();
    } finally {
      idleLock.unlock();
    }
  }

  /**
   * Graceful stop: no more claims; runs that have not started go back at once; running handlers get
   * the grace period, then are interrupted and go back without spending an attempt.
   */
  void stop(Duration grace) {
    stopping = true;
    wake();
    join(dispatcher);
    for (Run run : ready.drain()) {
      run.stop(Run.Stop.SHUTDOWN);
      release(run);
      busy.decrementAndGet();
    }
    if (!awaitIdle(grace)) {
      List<Run> still = runs.snapshot();
      log.info(
          "Shutdown grace of {} ended with {} tasks running; interrupting them", grace, busy.get());
      still.forEach(run -> run.stop(Run.Stop.SHUTDOWN));
      if (!awaitIdle(Duration.ofSeconds(1))) {
        // Handlers that ignore interrupts: put their tasks back now; their late outcome is dropped.
        for (Run run : still) {
          if (run.markSettled()) {
            release(run);
          }
        }
      }
    }
    workers.forEach(Thread::interrupt);
    settler.stop();
    join(settlerThread);
  }

  private void release(Run run) {
    settler.submit(
        new Worker.Done(
            run,
            new Settlement.Release(run.lease, Duration.ZERO),
            dev.baton.event.TaskListener.RunEnd.RELEASED,
            Duration.ZERO));
  }

  private boolean awaitIdle(Duration timeout) {
    long remaining = timeout.toNanos();
    idleLock.lock();
    try {
      while (busy.get() > 0 && remaining > 0) {
        remaining = idle.awaitNanos(remaining);
      }
      return busy.get() <= 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      idleLock.unlock();
    }
  }

  private static void join(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
