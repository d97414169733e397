package dev.baton.server;

import dev.baton.TaskRecord;
import dev.baton.event.TaskListener;
import dev.baton.server.api.ApiServer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Enqueue-to-start latency (from the due time, as the {@code baton_tasks_wait_seconds} histogram)
 * of the runs this node started, per wall-clock second, for the dashboard's live chart. Keeps the
 * last few seconds only, and at most {@link #MAX_SAMPLES} samples per second (the count and the
 * maximum stay exact beyond that).
 */
final class StartLatency implements TaskListener, ApiServer.LatencySource {
  static final int MAX_SAMPLES = 20_000;
  private static final int SECONDS = 4;

  private final Bucket[] buckets = new Bucket[SECONDS];

  StartLatency() {
    for (int i = 0; i < SECONDS; i++) {
      buckets[i] = new Bucket();
    }
  }

  private static final class Bucket {
    long second = -1;
    long count;
    double max;
    int size;
    double[] samples = new double[64];
  }

  @Override
  public void started(TaskRecord task) {
    if (task.startedAt() == null) {
      return;
    }
    Duration wait = Duration.between(task.runAt(), task.startedAt());
    record(System.currentTimeMillis() / 1000, wait.isNegative() ? 0 : wait.toNanos() / 1e6);
  }

  synchronized void record(long second, double millis) {
    Bucket b = buckets[(int) (second % SECONDS)];
    if (b.second != second) {
      b.second = second;
      b.count = 0;
      b.max = 0;
      b.size = 0;
    }
    b.count++;
    b.max = Math.max(b.max, millis);
    if (b.size < MAX_SAMPLES) {
      if (b.size == b.samples.length) {
        b.samples = Arrays.copyOf(b.samples, Math.min(MAX_SAMPLES, b.size * 2));
      }
      b.samples[b.size++] = millis;
    }
  }

  @Override
  public ApiServer.Latency lastSecond() {
    return of(System.currentTimeMillis() / 1000 - 1);
  }

  /** The latency of the runs started in one wall-clock second, zeros when none started. */
  synchronized ApiServer.Latency of(long second) {
    Bucket b = buckets[(int) (Math.floorMod(second, SECONDS))];
    if (b.second != second || b.count == 0) {
      return new ApiServer.Latency(0, 0, 0, 0);
    }
    double[] sorted = Arrays.copyOf(b.samples, b.size);
    Arrays.sort(sorted);
    return new ApiServer.Latency(b.count, rank(sorted, 0.50), rank(sorted, 0.99), b.max);
  }

  private static double rank(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
