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
      return Delayed.lateness(
          "scheduled", "schedules", "the planned time of a one-off schedule", options, rig, total);
    }
  }
}
