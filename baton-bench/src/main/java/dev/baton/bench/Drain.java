package dev.baton.bench;

/**
 * The drain workload: N tasks are enqueued first (batched {@code enqueueAll}, no worker running),
 * then the workers start; the figure is N over the time from their start until the last task is
 * done.
 */
final class Drain {
  private Drain() {}

  static Report run(BenchOptions options) {
    if (options.warmup() > 0) {
      measure(options, options.warmup());
    }
    return measure(options, options.tasks());
  }

  private static Report measure(BenchOptions options, int count) {
    try (Rig rig = new Rig(options, "drain", count)) {
      long enqueueStart = System.nanoTime();
      rig.enqueue(rig.producer(), 0, count);
      long enqueueNanos = System.nanoTime() - enqueueStart;

      long runStart = System.nanoTime();
      rig.startWorkers();
      rig.awaitDone(count);
      double seconds = (rig.tally().lastDoneNanos() - runStart) / 1e9;
      double throughput = count / seconds;

      Report report =
          new Report("drain", options)
              .figure("tasks", count, "tasks")
              .figure("enqueue rate", count / (enqueueNanos / 1e9), "tasks/s")
              .figure("drain time", seconds, "s")
              .figure("throughput", throughput, "tasks/s")
              .headline(
                  String.format(
                      "%,.0f tasks/s run + complete (%,d queued first)", throughput, count));
      Targets.atLeast(
          report, "throughput", throughput, Targets.throughput(options.scheme()), "tasks/s");
      Workloads.noteFailures(report, rig);
      return report;
    }
  }
}
