package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.Enqueue;
import java.time.Duration;
import java.time.Instant;

/**
 * The burst workload: many tasks (10,000 by default) all due at one instant a little in the future;
 * the figure is the time from that instant until the last of them started.
 */
final class Burst {
  private Burst() {}

  static Report run(BenchOptions options) {
    if (options.warmup() > 0) {
      measure(options, 0);
    }
    return measure(options, drainMillis(options));
  }

  /**
   * The time the same number of tasks takes to drain when queued before the workers start: the
   * design's yardstick for bursts on backends other than memory.
   */
  private static double drainMillis(BenchOptions options) {
    int count = options.burst();
    try (Rig rig = new Rig(options, "burst-drain", count)) {
      rig.enqueue(rig.producer(), 0, count);
      long workersStart = System.nanoTime();
      rig.startWorkers();
      rig.awaitDone(count);
      return (rig.tally().lastDoneNanos() - workersStart) / 1e6;
    }
  }

  private static Report measure(BenchOptions options, double drainMillis) {
    int count = options.burst();
    try (Rig rig = new Rig(options, "burst", count)) {
      Baton baton = rig.startWorkers();
      // The due instant is a wall-clock time (that is what the store compares run-at against);
      // starts are timed with nanoTime. Reading both back to back ties the two scales together.
      Instant wallNow = Instant.now();
      long nanoNow = System.nanoTime();
      Duration lead = options.lead();
      Instant due = wallNow.plus(lead);
      long dueNanos = nanoNow + lead.toNanos();
      Enqueue atDue = Enqueue.options().runAt(due);
      for (int n = 0; n < count; n += options.batch()) {
        baton.enqueueAll(rig.requests(n, Math.min(count, n + options.batch()), dueNanos, atDue));
      }
      long enqueuedBeforeDue = dueNanos - System.nanoTime();
      rig.awaitDone(count);
      Latencies.Summary starts = rig.latencies().summary(0, count);
      long early = starts.negative() + rig.tally().earlyByStore();
      double lastMs = starts.max() / 1e6;

      Report report =
          new Report("burst", options)
              .figure("tasks", count, "tasks")
              .figure("first start", starts.min() / 1e6, "ms")
              .figure("median start", starts.percentile(50) / 1e6, "ms")
              .figure("last start", lastMs, "ms")
              .figure("early starts", early, "tasks")
              .figure("drain time", drainMillis, "ms")
              .headline(
                  String.format(
                      "%,d due at one instant: last started %.1f ms after it (first %.1f ms); early: %d",
                      count, lastMs, starts.min() / 1e6, early));
      if (enqueuedBeforeDue < 0) {
        report.note(
            String.format(
                "enqueueing took %.0f ms past the due instant; raise --lead",
                -enqueuedBeforeDue / 1e6));
      }
      if (options.scheme().equals("memory:")) {
        report.target(
            String.format(
                "all %,d started < %.0f ms after due, none early", count, Targets.BURST_MEMORY_MS),
            lastMs < Targets.BURST_MEMORY_MS && early == 0 && enqueuedBeforeDue > 0);
      } else {
        double limit = drainMillis + Targets.BURST_SLACK_MS;
        report.target(
            String.format(
                "all started < drain time + %.0f ms = %.0f ms after due, none early",
                Targets.BURST_SLACK_MS, limit),
            lastMs < limit && early == 0 && enqueuedBeforeDue > 0);
      }
      Workloads.noteFailures(report, rig);
      return report;
    }
  }
}
