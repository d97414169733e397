package dev.baton.bench.shape;

import java.time.Duration;

/**
 * What one single-task-shape run is asked to do.
 *
 * @param backend the backend URL Baton runs on; the peer runs on the same server
 * @param tasks tasks per throughput phase (enqueue, drain, live)
 * @param workers tasks run at once, by Baton and by the peer alike
 * @param producers threads (or, for a Node peer, concurrent callers) in the many-producer phases
 * @param idleTasks tasks of the idle phase, enqueued at {@code idleRate}
 * @param idleRate tasks per second in the idle phase: an open loop, not waiting for each start
 * @param idleWarmup idle samples left out of the figures
 * @param burst tasks due at one instant in the burst phase
 * @param lead the least time between the burst's first enqueue and its due instant
 * @param warmupTime how long each run warms up before its first timed phase, at least one round of
 *     enqueue and drain: long enough for the JVM's compilers (and V8's) to reach steady state
 * @param repeat how many times each contender runs the whole shape; figures are medians
 * @param timeout the longest any one wait may take
 * @param clear delete every task in Baton's backend before each of its runs (scratch backends)
 * @param phases the phases to run, from {@link #PHASES}; the Node peer runs all of them
 */
public record ShapeOptions(
    String backend,
    int tasks,
    int workers,
    int producers,
    int idleTasks,
    int idleRate,
    int idleWarmup,
    int burst,
    Duration lead,
    Duration warmupTime,
    int repeat,
    Duration timeout,
    boolean clear,
    java.util.Set<String> phases) {

  /** Every phase, in the order they run: drain includes the enqueue from one thread. */
  public static final java.util.List<String> PHASES =
      java.util.List.of("drain", "enqueue-n", "live-1", "live-n", "idle", "burst");

  /** The longest warm-up a run may ask for. */
  public static final Duration MAX_WARMUP = Duration.ofMinutes(10);

  /** The warm-up when none is given: what the JIT needed on this machine, with a margin. */
  public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(20);

  /**
   * Checks the options' ranges.
   *
   * @throws IllegalArgumentException naming the option and its value when one is out of range
   */
  public ShapeOptions {
    require(tasks >= 1, "--tasks must be at least 1", tasks);
    require(workers >= 1 && workers <= 10_000, "--workers must be 1-10000", workers);
    require(producers >= 1 && producers <= 1_000, "--producers must be 1-1000", producers);
    require(idleTasks >= 1, "--samples (idle tasks) must be at least 1", idleTasks);
    require(idleRate >= 1 && idleRate <= 100_000, "--idle-rate must be 1-100000", idleRate);
    require(
        idleWarmup >= 0 && idleWarmup < idleTasks,
        "--warmup (idle samples left out) must be 0 to --samples - 1",
        idleWarmup);
    require(burst >= 1, "--burst must be at least 1", burst);
    java.util.Objects.requireNonNull(warmupTime, "warmupTime");
    if (warmupTime.isNegative() || warmupTime.compareTo(MAX_WARMUP) > 0) {
      throw new IllegalArgumentException(
          "--warmup-time must be 0 to "
              + MAX_WARMUP.toMinutes()
              + " minutes but was "
              + warmupTime);
    }
    require(repeat >= 1 && repeat <= 10, "--repeat must be 1-10", repeat);
    phases = java.util.Set.copyOf(phases);
    for (String phase : phases) {
      if (!PHASES.contains(phase)) {
        throw new IllegalArgumentException(
            "unknown phase '" + phase + "' in --phases; use " + String.join(",", PHASES));
      }
    }
  }

  private static void require(boolean ok, String message, int value) {
    if (!ok) {
      throw new IllegalArgumentException(message + " but was " + value);
    }
  }
}
