package dev.baton.internal;

import dev.baton.event.TaskListener.RunEnd;
import dev.baton.spi.Backoff;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the ends of runs in batches: whatever finished while the previous batch was being written
 * goes in the next one, so a busy node writes many settlements per round trip and an idle one
 * writes each at once.
 */
final class Settler implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Settler.class);
  static final int MAX_BATCH = 512;
  // Shorter than the loops' default: outcomes wait in memory while the backend is away.
  private static final Duration SETTLE_FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration SETTLE_MAX_BACKOFF = Duration.ofSeconds(2);

  private final TaskStore store;
  private final Runs runs;
  private final Completions completions;
  private final Listeners listeners;
  private final NodeCounters counters;
  private final Duration giveUpAfter;
  private final Runnable requeued;
  private final LinkedBlockingQueue<Worker.Done> queue = new LinkedBlockingQueue<>();
  private volatile boolean stopping;

  Settler(
      TaskStore store,
      Runs runs,
      Completions completions,
      Listeners listeners,
      NodeCounters counters,
      Duration giveUpAfter,
      Runnable requeued) {
    this.store = store;
    this.runs = runs;
    this.completions = completions;
    this.listeners = listeners;
    this.counters = counters;
    this.giveUpAfter = giveUpAfter;
    this.requeued = requeued;
  }

  void submit(Worker.Done done) {
    queue.add(done);
  }

  /** Stops once everything submitted so far is stored. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    List<Worker.Done> batch = new ArrayList<>(MAX_BATCH);
    while (!(stopping && queue.isEmpty())) {
      try {
        Worker.Done first = queue.poll(50, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        store(batch);
      } catch (InterruptedException e) {
        if (!stopping) {
          Thread.currentThread().interrupt();
          return;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void store(List<Worker.Done> batch) throws InterruptedException {
    List<Settlement> settlements = new ArrayList<>(batch.size());
    for (Worker.Done done : batch) {
      if (done.settlement() != null) {
        settlements.add(done.settlement());
      }
    }
    List<Boolean> applied = settlements.isEmpty() ? List.of() : settleWithRetries(settlements);
    List<Run> ended = new ArrayList<>(batch.size());
    for (Worker.Done done : batch) {
      ended.add(done.run());
    }
    runs.removeAll(ended);
    boolean back = false;
    int i = 0;
    for (Worker.Done done : batch) {
      boolean stored = done.settlement() != null && applied.size() > i && applied.get(i++);
      back |= account(done, stored, counters, listeners, completions);
    }
    if (back) {
      // A retried, released or suspended task waits again: the dispatcher learns its run-at.
      requeued.run();
    }
  }

  /**
   * Tells the counters, listeners and awaiting callers how a run ended; shared by handler-run and
   * pulled tasks. Returns true if the task waits again (retried, released or suspended).
   */
  static boolean account(
      Worker.Done done,
      boolean stored,
      NodeCounters counters,
      Listeners listeners,
      Completions completions) {
    if (stored) {
      counters.settled(done.end());
    }
    listeners.finished(done.run().task, stored ? done.end() : RunEnd.FENCED, done.ran());
    if (stored && done.end() != RunEnd.RETRIED && done.end() != RunEnd.RELEASED) {
      completions.done(done.run().task.id());
    }
    return stored && done.end() != RunEnd.SUCCEEDED && done.end() != RunEnd.FAILED;
  }

  /**
   * Retries a failing backend until the leases would have expired anyway; after that the reaper of
   * whichever node is alive brings the tasks back, so giving up loses nothing.
   */
  private List<Boolean> settleWithRetries(List<Settlement> settlements)
      throws InterruptedException {
    long deadline = System.nanoTime() + giveUpAfter.toNanos();
    Backoff backoff = new Backoff(SETTLE_FIRST_BACKOFF, SETTLE_MAX_BACKOFF);
    while (true) {
      try {
        return store.settle(settlements);
      } catch (StoreException | IllegalStateException e) {
        listeners.backgroundError("settle", e);
        if (System.nanoTime() > deadline) {
          log.error(
              "Giving up storing {} run outcomes; their leases will expire and the tasks run again",
              settlements.size(),
              e);
          return List.of();
        }
        long delay = backoff.failed();
        log.warn("Storing {} run outcomes failed; retrying in {} ms", settlements.size(), delay, e);
        Thread.sleep(delay);
      }
    }
  }
}
