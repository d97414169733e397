package dev.baton.bench.shape;

import dev.baton.bench.Latencies;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where one phase's handlers report, whoever runs them: each start against its stamp, each task
 * done as its system defines done (stored as succeeded, completed, acknowledged). Waiting for a
 * count is woken by the finisher that reaches it, never by polling.
 */
final class Sink {
  private record Goal(long count, CountDownLatch reached) {}

  private final Latencies latencies;
  private final AtomicLong done = new AtomicLong();
  private volatile Goal goal;
  private volatile long lastDoneNanos;

  Sink(int capacity) {
    this.latencies = new Latencies(capacity);
  }

  /** A handler started task {@code n}; {@code stamp} is the nanoTime its latency counts from. */
  void started(int n, long stamp) {
    latencies.record(n, System.nanoTime() - stamp);
  }

  /** A task is done. */
  void done() {
    long now = done.incrementAndGet();
    lastDoneNanos = System.nanoTime();
    Goal g = goal;
    if (g != null && now >= g.count) {
      g.reached.countDown();
    }
  }

  /**
   * Waits until {@code count} tasks are done.
   *
   * @throws IllegalStateException naming who and how far it got when {@code timeout} passes first
   */
  void awaitDone(long count, Duration timeout, String who) {
    Goal g = new Goal(count, new CountDownLatch(1));
    // Publish the goal before reading the count, so a finisher that counts after the read sees it.
    goal = g;
    try {
      if (done.get() < count && !g.reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException(
            who
                + ": only "
                + done.get()
                + " of "
                + count
                + " tasks were done after "
                + timeout
                + "; raise --timeout or lower --tasks");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(who + ": interrupted while waiting", e);
    }
  }

  long lastDoneNanos() {
    return lastDoneNanos;
  }

  Latencies.Summary summary(int from, int to) {
    return latencies.summary(from, to);
  }
}
