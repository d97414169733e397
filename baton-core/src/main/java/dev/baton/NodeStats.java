package dev.baton;

/**
 * What one Baton instance (this node) is doing and has done since it started: a snapshot read by
 * {@link Baton#stats()}. Counted where the work happens, not from events: {@code submitted} when an
 * enqueue created a task, the outcome counters when a run's outcome was stored (a run fenced off by
 * a lost lease or a cancel counts in none of them), and {@code busy} while a worker runs a task.
 * Queue depths are not here: they belong to the backend and every node; see {@link Baton#counts()}.
 *
 * @param workers this node's worker threads: the configured count while the engine runs, 0 when it
 *     runs no handlers (no handlers, no queues, or zero workers)
 * @param busy workers running a task now, {@code 0 <= busy <= workers}
 * @param submitted tasks created by this node's {@code enqueue} and {@code enqueueAll} calls (an
 *     idempotent repeat that created nothing is not counted; schedule ticks are not either)
 * @param succeeded runs on this node stored as SUCCEEDED
 * @param failed runs on this node stored as FAILED (retries spent, non-retryable failures, timeouts
 *     on the last attempt)
 * @param retried runs on this node that failed and were stored as QUEUED for another attempt
 * @param suspended runs on this node stored as SUSPENDED
 */
public record NodeStats(
    int workers,
    int busy,
    long submitted,
    long succeeded,
    long failed,
    long retried,
    long suspended) {
  /**
   * Checks the numbers.
   *
   * @throws IllegalArgumentException if a number is negative
   */
  public NodeStats {
    if (workers < 0
        || busy < 0
        || submitted < 0
        || succeeded < 0
        || failed < 0
        || retried < 0
        || suspended < 0) {
      throw new IllegalArgumentException("stats cannot be negative");
    }
  }

  /**
   * Workers waiting for a task now.
   *
   * @return {@code workers - busy}, never below 0
   */
  public int idle() {
    return Math.max(0, workers - busy);
  }
}
