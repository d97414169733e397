package dev.baton.server.cli;

import dev.baton.TaskRecord;
import dev.baton.event.TaskListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One demo run's bookkeeping: what started when, what is done, and the summary at the end. */
final class DemoRun implements TaskListener {
  private final String queue;
  private final int total;
  private final int probes;
  private final long[] startLatency;
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final CountDownLatch allDone = new CountDownLatch(1);
  private volatile long beginNanos;
  private volatile long enqueuedNanos;
  private volatile long lastDoneNanos;

  /** Tasks {@code 0..total-1} make the batch, the {@code probes} after them run one at a time. */
  DemoRun(String queue, int total, int probes) {
    this.queue = queue;
    this.total = total;
    this.probes = probes;
    this.startLatency = new long[total + probes];
  }

  void begin() {
    beginNanos = System.nanoTime();
  }

  void enqueued() {
    enqueuedNanos = System.nanoTime();
  }

  /**
   * Called by the handler as its first step. Enqueue-to-start is measured with System.nanoTime
   * stamps carried in the payload rather than the record's run-at and started-at: those are wall
   * clock instants taken by the store (milliseconds on some backends) and mark the claim, not the
   * moment the handler begins.
   */
  void started(int n, long stampNanos) {
    startLatency[n] = System.nanoTime() - stampNanos;
  }

  @Override
  public void finished(TaskRecord task, RunEnd end, Duration ran) {
    if (!task.queue().equals(queue)) {
      return;
    }
    switch (end) {
      case SUCCEEDED -> countDone();
      case FAILED, FENCED -> {
        failed.incrementAndGet();
        countDone();
      }
      case RETRIED, SUSPENDED, RELEASED -> {}
    }
  }

  private void countDone() {
    if (done.incrementAndGet() == total) {
      lastDoneNanos = System.nanoTime();
      allDone.countDown();
    }
  }

  boolean await(Duration timeout) {
    try {
      return allDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  int done() {
    return done.get();
  }

  int failed() {
    return failed.get();
  }

  void printSummary(PrintWriter out, String url, String durability, int workers) {
    double seconds = (lastDoneNanos - beginNanos) / 1e9;
    double enqueueSeconds = (enqueuedNanos - beginNanos) / 1e9;
    out.println();
    out.printf(
        "Ran %,d tasks in %.2f s%s.%n",
        total, seconds, failed() == 0 ? "" : String.format(" (%,d FAILED)", failed()));
    out.printf("  throughput        %,.0f tasks/s (enqueue + run + complete)%n", total / seconds);
    out.printf(
        "  enqueue-to-start  idle:       %s  (%d tasks, one at a time)%n",
        percentiles(total, total + probes), probes);
    out.printf(
        "                    under load: %s  (behind the tasks queued before)%n",
        percentiles(0, total));
    out.printf(
        "  enqueue           %,d tasks in %.2f s, batches of 1,000, while the workers ran%n",
        total, enqueueSeconds);
    out.printf(
        "  backend           %s (%s), %d workers, Java %s, %d cores%n",
        url,
        durability,
        workers,
        Runtime.version().feature(),
        Runtime.getRuntime().availableProcessors());
    out.println();
    out.println(
        "More figures, per workload and backend: ./baton bench --backend memory: --workload all");
    out.flush();
  }

  private String percentiles(int from, int to) {
    long[] sorted = Arrays.copyOfRange(startLatency, from, to);
    Arrays.sort(sorted);
    return String.format(
        "p50 %s  p99 %s  max %s",
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 99)),
        millis(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static String millis(long nanos) {
    double ms = nanos / 1e6;
    return ms < 10 ? String.format("%.2f ms", ms) : String.format("%,.0f ms", ms);
  }
}
