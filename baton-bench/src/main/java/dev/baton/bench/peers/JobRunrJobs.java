package dev.baton.bench.peers;

/**
 * The no-op job JobRunr runs in the peers workload. JobRunr stores a job as a call to a public
 * method with its arguments and invokes it by name, so the job is a public static method.
 */
public final class JobRunrJobs {
  private static volatile Recorder recorder;

  private JobRunrJobs() {}

  static void recordInto(Recorder next) {
    recorder = next;
  }

  /**
   * Notes a drained job's start.
   *
   * @param n the job's number in its run
   */
  public static void ping(long n) {
    Recorder current = recorder;
    if (current != null) {
      current.started((int) n, 0);
      current.done();
    }
  }

  /**
   * Notes a sampled job's start.
   *
   * @param n the job's number in its run
   * @param stamp {@code System.nanoTime()} when it was enqueued
   */
  public static void sample(long n, long stamp) {
    Recorder current = recorder;
    if (current != null) {
      current.started((int) n, stamp);
      current.done();
    }
  }
}
