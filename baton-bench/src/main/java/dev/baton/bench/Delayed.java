package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskRequest;

/**
 * The delayed workload: a lone task with a delay, repeated one at a time; figures are how late it
 * started after its due time and how many started early (there must be none).
 */
final class Delayed {
  /** Runs left out as warm-up. */
  static final int WARMUP = 3;

  private Delayed() {}

  static Report run(BenchOptions options) {
    int total = WARMUP + options.delayedSamples();
    long delayNanos = options.delay().toNanos();
    Enqueue delayed = Enqueue.options().delay(options.delay());
    try (Rig rig = new Rig(options, "delayed", total)) {
      Baton baton = rig.startWorkers();
      for (int n = 0; n < total; n++) {
        // The stamp is taken before the enqueue, so stamp + delay is at or before the run-at the
        // engine computes: a start before it is surely early; a start after it may overstate the
        // lateness by the enqueue call's few microseconds. The store-side check in Tally catches
        // the rest (claimed before run-at by the store's clock).
        baton.enqueue(
            TaskRequest.of(rig.type(), new Ping(n, System.nanoTime() + delayNanos), delayed));
        rig.awaitDone(n + 1);
      }
      return lateness(
          "delayed", "tasks", "a " + options.delay().toMillis() + " ms delay", options, rig, total);
    }
  }

  /**
   * The report of a lateness workload: how late the measured starts were after their due times
   * (warm-up left out), how many started early by either clock, and the verdict.
   */
  static Report lateness(
      String workload, String unit, String what, BenchOptions options, Rig rig, int total) {
    Latencies.Summary late = rig.latencies().summary(WARMUP, total);
    long early = rig.latencies().summary(0, total).negative() + rig.tally().earlyByStore();
    Report report =
        new Report(workload, options)
            .figure("samples", late.count(), unit)
            .figure("due in", options.delay().toMillis(), "ms")
            .latency("late", late)
            .figure("early starts", early, "tasks")
            .headline(
                String.format(
                    "late p50 %.3f / p99 %.3f / max %.3f ms after %s; early: %d",
                    late.percentile(50) / 1e6,
                    late.percentile(99) / 1e6,
                    late.max() / 1e6,
                    what,
                    early));
    double p99 = late.percentile(99) / 1e6;
    report.target(
        String.format("late p99 < %.0f ms and no early start", Targets.DELAYED_P99_MS),
        p99 < Targets.DELAYED_P99_MS && early == 0);
    Workloads.noteFailures(report, rig);
    return report;
  }
}
