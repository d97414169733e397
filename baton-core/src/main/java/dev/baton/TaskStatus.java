package dev.baton;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a task is in its life. This enum holds the one state machine of Baton: {@link
 * #canMoveTo(TaskStatus)} is the table every backend and the engine obey.
 *
 * <pre>
 * QUEUED    -&gt; RUNNING, CANCELED
 * RUNNING   -&gt; SUCCEEDED, FAILED, QUEUED (retry, lease lost or shutdown), SUSPENDED, CANCELED
 * SUSPENDED -&gt; RUNNING (when due), CANCELED
 * FAILED    -&gt; QUEUED (manual retry)
 * CANCELED  -&gt; QUEUED (manual retry)
 * SUCCEEDED -&gt; (final)
 * </pre>
 *
 * <p>A queued task whose run-at time is in the future is waiting (delayed or backing off), not
 * ready.
 */
public enum TaskStatus {
  /** Waiting to be claimed, now or at its run-at time. */
  QUEUED,
  /** Claimed by a worker that holds its lease. */
  RUNNING,
  /** Parked by its handler with private state until its run-at time; no attempt was spent. */
  SUSPENDED,
  /** Finished with a result. Final. */
  SUCCEEDED,
  /** Failed for good: retries spent or a non-retryable failure. A manual retry requeues it. */
  FAILED,
  /** Canceled by a caller. A manual retry requeues it. */
  CANCELED;

  // Built once: every store checks each move, and a fresh Set.of per check showed in profiles.
  private static final Set<TaskStatus>[] NEXT = table();

  /**
   * Tells whether the state machine allows a move from this status to {@code next}.
   *
   * @param next the status to move to
   * @return true if the move is allowed
   * @throws NullPointerException if {@code next} is null
   */
  public boolean canMoveTo(TaskStatus next) {
    return NEXT[ordinal()].contains(Objects.requireNonNull(next, "next"));
  }

  /**
   * The statuses this one may move to.
   *
   * @return the allowed next statuses, empty for a final status
   */
  public Set<TaskStatus> allowedNext() {
    return NEXT[ordinal()];
  }

  @SuppressWarnings("unchecked")
  private static Set<TaskStatus>[] table() {
    Set<TaskStatus>[] next = new Set[values().length];
    for (TaskStatus from : values()) {
      EnumSet<TaskStatus> to =
          switch (from) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELED);
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, QUEUED, SUSPENDED, CANCELED);
            case SUSPENDED -> EnumSet.of(RUNNING, CANCELED);
            case FAILED, CANCELED -> EnumSet.of(QUEUED);
            case SUCCEEDED -> EnumSet.noneOf(TaskStatus.class);
          };
      next[from.ordinal()] = Collections.unmodifiableSet(to);
    }
    return next;
  }

  /**
   * Tells whether no handler will run the task again unless someone retries it by hand.
   *
   * @return true for SUCCEEDED, FAILED and CANCELED
   */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }
}
