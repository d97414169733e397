package dev.baton.internal;

import dev.baton.NodeStats;
import dev.baton.event.TaskListener.RunEnd;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link NodeStats}, bumped at the source: the enqueue path, the worker around
 * each run, the settler once an outcome is stored. Adders, since every task touches them from many
 * threads.
 */
final class NodeCounters {
  private volatile int workers;
  private final LongAdder busy = new LongAdder();
  private final LongAdder submitted = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder suspended = new LongAdder();

  /** Sets the worker count once the engine starts (or 0 when it stops). */
  void workers(int workers) {
    this.workers = workers;
  }

  void submitted(int created) {
    submitted.add(created);
  }

  void runStarted() {
    busy.increment();
  }

  void runEnded() {
    busy.decrement();
  }

  /** A run's outcome was stored. */
  void settled(RunEnd end) {
    switch (end) {
      case SUCCEEDED -> succeeded.increment();
      case FAILED -> failed.increment();
      case RETRIED -> retried.increment();
      case SUSPENDED -> suspended.increment();
      case RELEASED, FENCED -> {
        // Neither is an outcome of the task: a shutdown handed it back, or another run owns it.
      }
    }
  }

  NodeStats snapshot() {
    // A sum read while workers start and end runs: clamped, since it is not one atomic moment.
    int running = (int) Math.min(workers, Math.max(0, busy.sum()));
    return new NodeStats(
        workers,
        running,
        submitted.sum(),
        succeeded.sum(),
        failed.sum(),
        retried.sum(),
        suspended.sum());
  }
}
