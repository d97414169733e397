package dev.baton.bench;

import java.util.Arrays;

/**
 * A fixed set of latency samples in nanoseconds, one slot per task, summarised by sorting. A sorted
 * {@code long[]} is exact and needs no dependency; at a few million samples the sort takes well
 * under a second, after the measured part.
 */
public final class Latencies {
  private final long[] samples;
  private final boolean[] seen;

  /**
   * Makes room for {@code size} samples.
   *
   * @param size how many tasks will report
   */
  public Latencies(int size) {
    this.samples = new long[size];
    this.seen = new boolean[size];
  }

  /**
   * Records slot {@code n}'s sample; a later one for the same slot (a retried task) replaces it.
   * Each slot is written by one thread; readers see it through the happens-before edge of waiting
   * for the task to be done.
   *
   * @param n the slot, the task's number in the workload
   * @param nanos the sample, negative when a task started before its due time
   */
  public void record(int n, long nanos) {
    samples[n] = nanos;
    seen[n] = true;
  }

  /**
   * Summarises the recorded slots in {@code [from, to)}.
   *
   * @param from the first slot, to leave out warm-up samples
   * @param to one past the last slot
   * @return the summary
   */
  public Summary summary(int from, int to) {
    long[] sorted = new long[to - from];
    int count = 0;
    for (int i = from; i < to; i++) {
      if (seen[i]) {
        sorted[count++] = samples[i];
      }
    }
    sorted = Arrays.copyOf(sorted, count);
    Arrays.sort(sorted);
    return new Summary(sorted);
  }

  /** Percentiles over a sorted set of samples. */
  public static final class Summary {
    private final long[] sorted;

    Summary(long[] sorted) {
      this.sorted = sorted;
    }

    /**
     * How many samples there are.
     *
     * @return the count
     */
    public int count() {
      return sorted.length;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param p 0 to 100
     * @return the sample at that rank, in nanoseconds; 0 when there are none
     */
    public long percentile(double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The largest sample.
     *
     * @return nanoseconds; 0 when there are none
     */
    public long max() {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /**
     * The smallest sample.
     *
     * @return nanoseconds; 0 when there are none
     */
    public long min() {
      return sorted.length == 0 ? 0 : sorted[0];
    }

    /**
     * How many samples are below zero.
     *
     * @return the count
     */
    public int negative() {
      int n = 0;
      while (n < sorted.length && sorted[n] < 0) {
        n++;
      }
      return n;
    }
  }
}
