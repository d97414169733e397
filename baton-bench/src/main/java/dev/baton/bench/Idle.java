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
    return run(options, "idle", false);
  }

  /**
   * The idle workload across nodes: the producer is an instance on a store of its own, so the
   * workers learn of each task only through the backend's own wake-up (PostgreSQL LISTEN/NOTIFY,
   * Redis pub/sub, RabbitMQ deliveries, or polling where there is none), not in-process. The load
   * tool refuses it on memory:, whose stores share nothing.
   */
  static Report runRemote(BenchOptions options) {
    return run(options, "idle-remote", true);
  }

  private static Report run(BenchOptions options, String name, boolean remote) {
    int warmup = Math.min(options.warmup(), MAX_WARMUP);
    int total = warmup + options.samples();
    try (Rig rig = new Rig(options, name, total)) {
      Baton workers = rig.startWorkers();
      Baton baton = remote ? rig.producerOnItsOwnStore() : workers;
      for (int n = 0; n < total; n++) {
        baton.enqueue(TaskRequest.of(rig.type(), new Ping(n, System.nanoTime())));
        rig.awaitDone(n + 1);
      }
      Latencies.Summary latency = rig.latencies().summary(warmup, total);
      Report report =
          new Report(name, options)
              .figure("samples", latency.count(), "tasks")
              .figure("warm-up", warmup, "tasks")
              .latency("start", latency)
              .headline(
                  String.format(
                      "start p50 %.3f / p99 %.3f / max %.3f ms (%,d one at a time)",
                      latency.percentile(50) / 1e6,
                      latency.percentile(99) / 1e6,
                      latency.max() / 1e6,
                      latency.count()));
      Targets.below(
          report,
          "start p99",
          latency.percentile(99) / 1e6,
          Targets.idleP99Millis(options.scheme()),
          "ms");
      if (remote) {
        report.note(
            "producer and workers are separate instances on separate stores: the"
                + " cross-node wake-up path");
      }
      Workloads.noteFailures(report, rig);
      return report;
    }
  }
}
