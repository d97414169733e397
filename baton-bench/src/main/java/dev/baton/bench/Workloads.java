package dev.baton.bench;

import java.util.List;
import java.util.function.Function;

/** The load tool's workloads by name, in the order {@code all} runs them. */
public enum Workloads {
  /** N tasks queued first, then the workers drain them: tasks/s. */
  DRAIN(Drain::run),
  /** Producers and workers together: tasks/s end to end and enqueue-to-start latency. */
  LIVE(Live::run),
  /** One task at a time into an idle instance: enqueue-to-start latency. */
  IDLE(Idle::run),
  /**
   * As {@link #IDLE}, but the producer is another instance on a store of its own, so the only
   * wake-up is the backend's cross-node one. Not for memory:, not part of {@code all}.
   */
  IDLE_REMOTE(Idle::runRemote),
  /** A lone delayed task, repeated: lateness after the due time, early starts. */
  DELAYED(Delayed::run),
  /** A lone one-off schedule, repeated: lateness of its tick's task after the planned time. */
  SCHEDULED(Scheduled::run),
  /** Many tasks due at one instant: time until the last started. */
  BURST(Burst::run),
  /** N queued tasks in a memory store: heap used. */
  HEAP(Heap::run),
  /** N queued tasks, no workers: the time of the dashboard's counts. Not part of {@code all}. */
  COUNTS(Counts::run);

  private final Function<BenchOptions, Report> run;

  Workloads(Function<BenchOptions, Report> run) {
    this.run = run;
  }

  /**
   * The workload's name on the command line.
   *
   * @return the lower-case name
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * Runs the workload once.
   *
   * @param options the run's options
   * @return what it measured
   */
  public Report run(BenchOptions options) {
    return run.apply(options);
  }

  /**
   * Whether {@code all} runs this workload on the options' backend: the heap check only means
   * something for the memory backend.
   *
   * @param options the run's options
   * @return true if it applies
   */
  public boolean appliesTo(BenchOptions options) {
    return this != COUNTS
        && this != IDLE_REMOTE
        && (this != HEAP || options.scheme().equals("memory:"));
  }

  /**
   * The workloads {@code all} runs on a backend.
   *
   * @param options the run's options
   * @return the workloads, in order
   */
  public static List<Workloads> all(BenchOptions options) {
    return java.util.Arrays.stream(values()).filter(w -> w.appliesTo(options)).toList();
  }

  static void noteFailures(Report report, Rig rig) {
    if (rig.tally().failed() > 0) {
      report.note(
          rig.tally().failed()
              + " tasks FAILED or were fenced off; the figures count them as done");
    }
  }
}
