package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.TaskRequest;

/**
 * The idle workload: one task at a time into an idle instance, each awaited before the next is
 * enqueued; the figure is enqueue-to-start latency after a warm-up.
 */
final class Idle {
  /** The most samples left out as warm-up, whatever --warmup says. */
  static final int MAX_WARMUP = 1_000;

  private Idle() {}

  static Report run(BenchOptions options) {
    int warmup = Math.min(options.warmup(), MAX_WARMUP);
    int total = warmup + options.samples();
    try (Rig rig = new Rig(options, "idle", total)) {
      Baton baton = rig.startWorkers();
      for (int n = 0; n < total; n++) {
        baton.enqueue(TaskRequest.of(rig.type(), new Ping(n, System.nanoTime())));
        rig.awaitDone(n + 1);
      }
      Latencies.Summary latency = rig.latencies().summary(warmup, total);
      Report report = new Report("idle", options)
          .figure("samples", latency.count(), "tasks")
          .figure("warm-up", warmup, "tasks")
          .latency("start", latency)
          .headline(String.format("start p50 %.3f / p99 %.3f / max %.3f ms (%,d one at a time)",
              latency.percentile(50) / 1e6, latency.percentile(99) / 1e6, latency.max() / 1e6,
              latency.count()));
      Targets.below(report, "start p99", latency.percentile(99) / 1e6,
          Targets.idleP99Millis(options.scheme()), "ms");
      Workloads.noteFailures(report, rig);
      return report;
    }
  }
}
