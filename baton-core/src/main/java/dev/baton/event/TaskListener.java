package dev.baton.event;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import java.time.Duration;
import java.util.List;

/**
 * Hears what the engine does, for metrics and logs. Every method has an empty default; they are
 * called on engine threads and must return quickly and not throw.
 */
public interface TaskListener {
  /**
   * Tasks were inserted by this instance.
   *
   * @param type the task type
   * @param queue the queue
   * @param count how many were created (duplicates left out)
   */
  default void enqueued(String type, String queue, int count) {}

  /**
   * A handler is about to run a claimed task.
   *
   * @param task the task as claimed: its run-at and started-at give the wait before the start
   */
  default void started(TaskRecord task) {}

  /**
   * A run ended and its outcome was stored (or fenced off, see {@link RunEnd#FENCED}).
   *
   * @param task the task as it was claimed
   * @param end how the run ended
   * @param ran how long the handler ran
   */
  default void finished(TaskRecord task, RunEnd end, Duration ran) {}

  /**
   * A run passed its time limit and was interrupted.
   *
   * @param task the task
   * @param limit the limit
   */
  default void timedOut(TaskRecord task, Duration limit) {}

  /**
   * The reaper took back tasks whose leases had expired.
   *
   * @param ids the requeued (or failed) tasks
   */
  default void leasesExpired(List<TaskId> ids) {}

  /**
   * This instance won a schedule's due step and stored it: {@code fired} ticks made tasks, and
   * {@code skipped} missed ticks made none (misfire policy SKIP, the ticks FIRE_ONCE folds into one
   * catch-up run, FIRE_ALL beyond its bound). Across nodes each tick is reported once, by the node
   * that won it.
   *
   * @param schedule the schedule as it was before the step
   * @param fired ticks that made a task
   * @param skipped missed ticks that made none, counted up to 10,000
   */
  default void scheduleTicks(dev.baton.schedule.ScheduleRecord schedule, int fired, int skipped) {}

  /**
   * A background loop failed and will try again.
   *
   * @param where which loop: {@code claim}, {@code settle}, {@code renew}, {@code reap}, ...
   * @param error what went wrong
   */
  default void backgroundError(String where, Throwable error) {}

  /** How a run ended. */
  enum RunEnd {
    /** Stored as SUCCEEDED. */
    SUCCEEDED,
    /** Requeued for another attempt. */
    RETRIED,
    /** Stored as FAILED. */
    FAILED,
    /** Stored as SUSPENDED. */
    SUSPENDED,
    /** Requeued without spending an attempt by a shutdown. */
    RELEASED,
    /** Not stored: the lease was lost or the task canceled while it ran. */
    FENCED
  }
}
