package dev.baton.bench;

import dev.baton.Baton;
import java.time.Instant;

/**
 * The scheduled workload: a lone one-off schedule due {@code --delay} ahead, repeated one at a
 * time; figures are how late its tick's task started after the planned time, and how many started
 * early (there must be none). This measures the scheduler's timer, the tick's compare-and-set with
 * its task insert, and the wake-up of the workers, end to end.
 */
final class Scheduled {
  private Scheduled() {}

  static Report run(BenchOptions options) {
    int total = Delayed.WARMUP + options.delayedSamples();
    long delayNanos = options.delay().toNanos();
    try (Rig rig = new Rig(options, "scheduled", total)) {
      Baton baton = rig.startWorkers();
      String prefix = "bench-" + Long.toHexString(System.nanoTime());
      for (int n = 0; n < total; n++) {
        // Wall time and nanoTime are read back to back; the planned instant and the stamp then
        // mark the same moment to within a microsecond or two.
        Instant due = Instant.now().plusNanos(delayNanos);
        long stamp = System.nanoTime() + delayNanos;
        baton.schedules().once(prefix + "-" + n, due, rig.type(), new Ping(n, stamp));
        rig.awaitDone(n + 1);
        baton.schedules().delete(prefix + "-" + n);
      }
      Latencies.Summary late = rig.latencies().summary(Delayed.WARMUP, total);
      long early = rig.latencies().summary(0, total).negative() + rig.tally().earlyByStore();
      Report report = new Report("scheduled", options)
          .figure("samples", late.count(), "schedules")
          .figure("due in", options.delay().toMillis(), "ms")
          .latency("late", late)
          .figure("early starts", early, "tasks")
          .headline(String.format("one-off schedule: late p50 %.3f / p99 %.3f / max %.3f ms after its planned time; early: %d",
              late.percentile(50) / 1e6, late.percentile(99) / 1e6, late.max() / 1e6, early));
      double p99 = late.percentile(99) / 1e6;
      report.target(String.format("late p99 < %.0f ms and no early start", Targets.DELAYED_P99_MS),
          p99 < Targets.DELAYED_P99_MS && early == 0);
      Workloads.noteFailures(report, rig);
      return report;
    }
  }
}
