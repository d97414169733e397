package dev.baton.bench;

import dev.baton.TaskRecord;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Counts one workload's finished tasks and lets the workload wait for a count, without polling. */
final class Tally implements TaskListener {
  private record Goal(long count, CountDownLatch reached) {}

  private final String queue;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong earlyByStore = new AtomicLong();
  private volatile Goal goal;
  private volatile long lastDoneNanos;

  Tally(String queue) {
    this.queue = queue;
  }

  @Override
  public void started(TaskRecord task) {
    // The store's own view of "early": claimed before its run-at, both read from the store's clock.
    if (task.queue().equals(queue)
        && task.startedAt() != null
        && task.startedAt().isBefore(task.runAt())) {
      earlyByStore.incrementAndGet();
    }
  }

  @Override
  public void finished(TaskRecord task, RunEnd end, Duration ran) {
    if (!task.queue().equals(queue)) {
      return;
    }
    switch (end) {
      case SUCCEEDED -> count();
      case FAILED, FENCED -> {
        failed.incrementAndGet();
        count();
      }
      case RETRIED, SUSPENDED, RELEASED -> {}
    }
  }

  private void count() {
    long now = done.incrementAndGet();
    lastDoneNanos = System.nanoTime();
    Goal g = goal;
    if (g != null && now >= g.count) {
      g.reached.countDown();
    }
  }

  /** Waits until {@code count} tasks are done; false on timeout. */
  boolean await(long count, Duration timeout) throws InterruptedException {
    Goal g = new Goal(count, new CountDownLatch(1));
    // Publish the goal before reading the count: a finisher that increments after our read
    // then sees the goal, so the wake-up cannot be lost.
    goal = g;
    if (done.get() >= count) {
      return true;
    }
    return g.reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  long done() {
    return done.get();
  }

  long failed() {
    return failed.get();
  }

  long earlyByStore() {
    return earlyByStore.get();
  }

  long lastDoneNanos() {
    return lastDoneNanos;
  }
}
