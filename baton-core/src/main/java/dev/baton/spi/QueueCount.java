package dev.baton.spi;

import dev.baton.TaskStatus;
import java.util.Objects;

/**
 * How many tasks of one type sit in one queue in one status.
 *
 * <p>A {@link TaskStatus#QUEUED} task is either <em>ready</em> (its run-at has come, by the
 * backend's clock: a worker may claim it now) or <em>scheduled</em> (delayed: its run-at is still
 * ahead, from a delay, a run-at time or a retry's backoff). {@link #count()} holds both, as it
 * always has; {@link #scheduled()} says how many of them are not due yet, and {@link #ready()} the
 * rest. Other statuses have no scheduled part: a suspended task's resume time is its own matter.
 *
 * @param queue the queue
 * @param type the task type
 * @param status the status
 * @param count how many, ready and scheduled together
 * @param scheduled how many of {@code count} are QUEUED with a run-at still ahead; 0 for any other
 *     status
 */
public record QueueCount(String queue, String type, TaskStatus status, long count, long scheduled) {
  /**
   * Checks the counts.
   *
   * @throws NullPointerException if queue, type or status is null
   * @throws IllegalArgumentException if a count is negative, scheduled exceeds count, or a status
   *     other than QUEUED has a scheduled part
   */
  public QueueCount {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    if (count < 0 || scheduled < 0 || scheduled > count) {
      throw new IllegalArgumentException(
          "counts must satisfy 0 <= scheduled <= count, but were count "
              + count
              + ", scheduled "
              + scheduled);
    }
    if (scheduled != 0 && status != TaskStatus.QUEUED) {
      throw new IllegalArgumentException("only QUEUED tasks can be scheduled, not " + status);
    }
  }

  /**
   * A count with no scheduled part: every task of a QUEUED group is ready.
   *
   * @param queue the queue
   * @param type the task type
   * @param status the status
   * @param count how many
   * @throws NullPointerException if queue, type or status is null
   * @throws IllegalArgumentException if count is negative
   */
  public QueueCount(String queue, String type, TaskStatus status, long count) {
    this(queue, type, status, count, 0);
  }

  /**
   * How many of the group a worker could claim now: QUEUED and due. 0 for any other status.
   *
   * @return {@code count - scheduled} for QUEUED, else 0
   */
  public long ready() {
    return status == TaskStatus.QUEUED ? count - scheduled : 0;
  }

  /**
   * This count with its scheduled part set (clamped to {@code [0, count]}, since the two may be
   * read a moment apart); a backend's helper.
   *
   * @param scheduled how many of the group are QUEUED and not due yet
   * @return the count with that scheduled part; this one unchanged unless QUEUED
   */
  public QueueCount withScheduled(long scheduled) {
    if (status != TaskStatus.QUEUED) {
      return this;
    }
    return new QueueCount(queue, type, status, count, Math.max(0, Math.min(count, scheduled)));
  }
}
