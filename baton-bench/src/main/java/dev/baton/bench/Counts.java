package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The counts check: N tasks (1,000,000 by default on every backend) are queued with no worker
 * running, then {@code Baton.counts()}, what the dashboard calls, is timed: once at once and then
 * {@value #CALLS} times, one every {@value #GAP_MILLIS} ms, as a dashboard that refreshes would.
 * The backlog stays in the backend afterwards unless {@code --clear} runs next.
 */
final class Counts {
  static final int CALLS = 20;
  static final int GAP_MILLIS = 250;

  private Counts() {}

  static Report run(BenchOptions options) {
    int count = options.tasks();
    try (Rig rig = new Rig(options, "counts", 0)) {
      Baton producer = rig.producer();
      long start = System.nanoTime();
      rig.enqueue(producer, 0, count);
      double seconds = (System.nanoTime() - start) / 1e9;
      long firstStart = System.nanoTime();
      long queued = queued(producer, rig);
      double firstMillis = (System.nanoTime() - firstStart) / 1e6;
      long[] nanos = new long[CALLS];
      for (int i = 0; i < CALLS; i++) {
        LockSupport.parkNanos(GAP_MILLIS * 1_000_000L);
        long callStart = System.nanoTime();
        queued = queued(producer, rig);
        nanos[i] = System.nanoTime() - callStart;
      }
      Arrays.sort(nanos);
      double p50 = nanos[CALLS / 2] / 1e6;
      double max = nanos[CALLS - 1] / 1e6;
      Report report =
          new Report("counts", options)
              .figure("queued tasks", queued, "tasks")
              .figure("enqueue rate", count / seconds, "tasks/s")
              .figure("first counts()", firstMillis, "ms")
              .figure("counts() p50", p50, "ms")
              .figure("counts() max", max, "ms")
              .headline(
                  String.format(
                      "counts() under %,d queued: first %.3f ms, p50 %.3f ms, max %.3f ms",
                      queued, firstMillis, p50, max));
      report.target("counts() cost independent of the backlog: no number in DESIGN.md", null);
      if (queued != count) {
        report.note("counts() saw " + queued + " queued tasks of " + count);
      }
      return report;
    }
  }

  private static long queued(Baton baton, Rig rig) {
    return baton.counts().stream()
        .filter(c -> c.status() == TaskStatus.QUEUED && c.queue().equals(rig.type().queue()))
        .mapToLong(QueueCount::count)
        .sum();
  }
}
