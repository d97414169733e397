package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.Enqueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live workload: producer threads enqueue while the workers run, for a fixed count. Figures:
 * end-to-end tasks/s (first enqueue to last completion) and enqueue-to-start latency. Producers
 * hold at most {@code window} tasks enqueued but not yet started, so the latency measures a bounded
 * backlog instead of however far the producers ran ahead.
 */
final class Live {
  private Live() {}

  static Report run(BenchOptions options) {
    if (options.warmup() > 0) {
      measure(options, options.warmup());
    }
    return measure(options, options.tasks());
  }

  private static Report measure(BenchOptions options, int count) {
    try (Rig rig = new Rig(options, "live", count)) {
      Semaphore window = new Semaphore(options.window());
      Baton baton = rig.startWorkers(window::release);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> producers = new ArrayList<>();
      long start = System.nanoTime();
      for (int p = 0; p < options.producers(); p++) {
        int from = (int) ((long) count * p / options.producers());
        int to = (int) ((long) count * (p + 1) / options.producers());
        producers.add(
            Thread.ofPlatform()
                .name("bench-producer-" + p)
                .start(
                    () -> {
                      try {
                        produce(rig, baton, window, options.batch(), from, to);
                      } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                      }
                    }));
      }
      for (Thread producer : producers) {
        producer.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a producer failed: " + failure.get(), failure.get());
      }
      long enqueueNanos = System.nanoTime() - start;
      rig.awaitDone(count);
      double seconds = (rig.tally().lastDoneNanos() - start) / 1e9;
      double throughput = count / seconds;
      Latencies.Summary latency = rig.latencies().summary(0, count);

      Report report =
          new Report("live", options)
              .figure("tasks", count, "tasks")
              .figure("producers", options.producers(), "threads")
              .figure("window", options.window(), "tasks")
              .figure("enqueue rate", count / (enqueueNanos / 1e9), "tasks/s")
              .figure("throughput", throughput, "tasks/s")
              .latency("start", latency)
              .headline(
                  String.format(
                      "%,.0f tasks/s end to end; start p50 %.2f / p99 %.2f / max %.2f ms",
                      throughput,
                      latency.percentile(50) / 1e6,
                      latency.percentile(99) / 1e6,
                      latency.max() / 1e6));
      Targets.atLeast(
          report, "throughput", throughput, Targets.throughput(options.scheme()), "tasks/s");
      report.note(
          "latency under load includes the wait behind up to "
              + options.window()
              + " tasks (--window); the idle workload measures it without a backlog");
      Workloads.noteFailures(report, rig);
      return report;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void produce(Rig rig, Baton baton, Semaphore window, int batch, int from, int to)
      throws InterruptedException {
    for (int n = from; n < to; n += batch) {
      int end = Math.min(to, n + batch);
      window.acquire(end - n);
      baton.enqueueAll(rig.requests(n, end, System.nanoTime(), Enqueue.options()));
    }
  }
}
