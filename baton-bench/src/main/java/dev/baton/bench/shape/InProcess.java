package dev.baton.bench.shape;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A contender that runs in this JVM: the shape's phases are driven here, the same code for Baton
 * and for its JVM peers, and only the four calls of a {@link Phase} differ between them.
 */
abstract class InProcess implements Contender {
  /** One phase's own queue (or task name, or job group), so no phase sees another's tasks. */
  interface Phase extends AutoCloseable {
    /** Enqueues task {@code n} in one call that returns once the task is stored. */
    void enqueue(int n, long stamp) throws Exception;

    /** As {@link #enqueue}, due at {@code due}; only called when {@link #delays()} is true. */
    void enqueueAt(int n, long stamp, Instant due) throws Exception;

    /** Starts the workers, which report to the phase's sink. */
    void startWorkers() throws Exception;

    /** Stops the workers and removes what the phase left behind. */
    @Override
    void close() throws Exception;
  }

  /** Opens a phase on a fresh queue; its handlers report starts and ends to {@code sink}. */
  abstract Phase open(String phase, Sink sink) throws Exception;

  /** Opens what every phase of one run shares (a store, a pool, a connection). */
  void setUp(ShapeOptions options) throws Exception {}

  /** Closes what {@link #setUp} opened. */
  void tearDown() throws Exception {}

  /** Whether the contender can hold a task until a due time (the burst phase needs it). */
  boolean delays() {
    return true;
  }

  @Override
  public final Results measure(ShapeOptions options, PrintWriter progress) throws Exception {
    setUp(options);
    try {
      return phases(options, progress);
    } finally {
      tearDown();
    }
  }

  private Results phases(ShapeOptions options, PrintWriter progress) throws Exception {
    Results results = new Results();
    say(progress, "warm-up");
    warmUp(options);
    if (options.phases().contains("drain")) {
      say(progress, "enqueue from 1 thread, then drain");
      enqueueThenDrain(options, results);
    }
    if (options.phases().contains("enqueue-n") || options.phases().contains("burst")) {
      // The burst's lead is sized from this rate.
      say(progress, "enqueue from " + options.producers() + " threads");
      results.put(Metric.ENQUEUE_N, enqueueMany(options));
    }
    if (options.phases().contains("live-1")) {
      say(progress, "live, 1 producer");
      results.put(Metric.LIVE_1, live(options, 1));
    }
    if (options.phases().contains("live-n")) {
      say(progress, "live, " + options.producers() + " producers");
      results.put(Metric.LIVE_N, live(options, options.producers()));
    }
    if (options.phases().contains("idle")) {
      say(progress, "idle, " + options.idleTasks() + " tasks at " + options.idleRate() + "/s");
      idle(options, results);
    }
    if (!options.phases().contains("burst")) {
      return results;
    }
    if (delays()) {
      say(progress, options.burst() + " tasks due at one instant");
      burst(options, results);
    } else {
      results.note("burst not measured: " + name() + " has no delayed tasks");
    }
    return results;
  }

  private void say(PrintWriter progress, String what) {
    progress.printf("  %s: %s...%n", name(), what);
    progress.flush();
  }

  /**
   * Rounds of enqueue-one-by-one and drain until {@link ShapeOptions#warmupTime} has passed. A
   * fixed count of tasks warmed the JVM only partly: the same JVM's single-thread enqueue rose from
   * its first run to its fourth as the compilers caught up, so runs measured the JIT instead of the
   * queue.
   */
  private void warmUp(ShapeOptions options) throws Exception {
    int count = Math.max(1, Math.min(options.tasks() / 5, 5_000));
    long end = System.nanoTime() + options.warmupTime().toNanos();
    do {
      Sink sink = new Sink(count);
      try (Phase phase = open("warmup", sink)) {
        for (int n = 0; n < count; n++) {
          phase.enqueue(n, System.nanoTime());
        }
        phase.startWorkers();
        sink.awaitDone(count, options.timeout(), name());
      }
    } while (System.nanoTime() - end < 0);
  }

  private void enqueueThenDrain(ShapeOptions options, Results results) throws Exception {
    int count = options.tasks();
    Sink sink = new Sink(count);
    try (Phase phase = open("drain", sink)) {
      long start = System.nanoTime();
      for (int n = 0; n < count; n++) {
        phase.enqueue(n, System.nanoTime());
      }
      results.put(Metric.ENQUEUE_1, count / seconds(start, System.nanoTime()));
      long workersStart = System.nanoTime();
      phase.startWorkers();
      sink.awaitDone(count, options.timeout(), name());
      results.put(Metric.DRAIN, count / seconds(workersStart, sink.lastDoneNanos()));
    }
  }

  /** Tasks/s of {@code producers} threads each calling enqueue once per task; then drained. */
  private double enqueueMany(ShapeOptions options) throws Exception {
    int count = options.tasks();
    Sink sink = new Sink(count);
    try (Phase phase = open("enqueuen", sink)) {
      long start = System.nanoTime();
      produce(options.producers(), count, phase::enqueue);
      double rate = count / seconds(start, System.nanoTime());
      phase.startWorkers();
      sink.awaitDone(count, options.timeout(), name());
      return rate;
    }
  }

  /** End-to-end tasks/s with the workers running while producers enqueue one task per call. */
  private double live(ShapeOptions options, int producers) throws Exception {
    int count = options.tasks();
    Sink sink = new Sink(count);
    try (Phase phase = open("live" + producers, sink)) {
      phase.startWorkers();
      long start = System.nanoTime();
      produce(producers, count, phase::enqueue);
      sink.awaitDone(count, options.timeout(), name());
      return count / seconds(start, sink.lastDoneNanos());
    }
  }

  /** A fixed arrival rate (an open loop: task i goes in at i / rate), enqueue-to-start. */
  private void idle(ShapeOptions options, Results results) throws Exception {
    int count = options.idleTasks();
    Sink sink = new Sink(count);
    try (Phase phase = open("idle", sink)) {
      phase.startWorkers();
      long period = 1_000_000_000L / options.idleRate();
      long start = System.nanoTime();
      for (int n = 0; n < count; n++) {
        long at = start + n * period;
        for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        phase.enqueue(n, System.nanoTime());
      }
      sink.awaitDone(count, options.timeout(), name());
      var starts = sink.summary(options.idleWarmup(), count);
      results
          .put(Metric.IDLE_P50, starts.percentile(50) / 1e6)
          .put(Metric.IDLE_P99, starts.percentile(99) / 1e6)
          .put(Metric.IDLE_MAX, starts.max() / 1e6);
    }
  }

  /**
   * Many tasks due at one instant, enqueued one per call by the producer threads; lateness of each
   * start after the instant. The lead leaves time to enqueue them all at the rate this contender
   * just showed, so a slow enqueue does not count against its starts.
   */
  private void burst(ShapeOptions options, Results results) throws Exception {
    int count = options.burst();
    Sink sink = new Sink(count);
    try (Phase phase = open("burst", sink)) {
      phase.startWorkers();
      double rate = results.get(Metric.ENQUEUE_N);
      Duration lead = options.lead();
      if (!Double.isNaN(rate)) {
        Duration needed = Duration.ofMillis(500 + (long) (1500.0 * count / rate));
        lead = needed.compareTo(lead) > 0 ? needed : lead;
      }
      // Due is a wall-clock instant (what the systems compare against); starts are timed with
      // nanoTime. Reading both back to back ties the two scales together.
      Instant due = Instant.now().plus(lead);
      long dueNanos = System.nanoTime() + lead.toNanos();
      produce(options.producers(), count, (n, stamp) -> phase.enqueueAt(n, dueNanos, due));
      long spare = dueNanos - System.nanoTime();
      sink.awaitDone(count, options.timeout().plus(lead), name());
      var starts = sink.summary(0, count);
      results
          .put(Metric.BURST_FIRST, starts.min() / 1e6)
          .put(Metric.BURST_P50, starts.percentile(50) / 1e6)
          .put(Metric.BURST_P99, starts.percentile(99) / 1e6)
          .put(Metric.BURST_LAST, starts.max() / 1e6)
          .put(Metric.BURST_EARLY, starts.negative());
      if (spare < 0) {
        results.note(
            String.format(
                "burst: the enqueues ended %.0f ms after the due instant"
                    + " (lead %d ms); its first starts count that delay",
                -spare / 1e6, lead.toMillis()));
      }
    }
  }

  @FunctionalInterface
  interface Enqueuer {
    void enqueue(int n, long stamp) throws Exception;
  }

  /** Task numbers 0..count-1 split over {@code threads} threads, one call per task. */
  static void produce(int threads, int count, Enqueuer enqueuer) throws Exception {
    if (threads == 1) {
      for (int n = 0; n < count; n++) {
        enqueuer.enqueue(n, System.nanoTime());
      }
      return;
    }
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> started = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int first = t;
      started.add(
          Thread.ofPlatform()
              .name("shape-producer-" + t)
              .start(
                  () -> {
                    try {
                      for (int n = first; n < count && failure.get() == null; n += threads) {
                        enqueuer.enqueue(n, System.nanoTime());
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                  }));
    }
    for (Thread thread : started) {
      thread.join();
    }
    if (failure.get() instanceof Exception e) {
      throw e;
    } else if (failure.get() != null) {
      throw new IllegalStateException("a producer failed: " + failure.get(), failure.get());
    }
  }

  /** A name no earlier phase used: queue, task name or scheduler of one phase. */
  static String fresh(String phase) {
    return "shape-" + phase + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  }

  static double seconds(long fromNanos, long toNanos) {
    return Math.max(1, toNanos - fromNanos) / 1e9;
  }
}
