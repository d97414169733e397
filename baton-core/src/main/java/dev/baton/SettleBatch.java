package dev.baton;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settlements of many fetched tasks stored together: one backend round trip for up to 512 tasks
 * instead of one per task. Start one with {@link Baton#settleBatch()}, add a settlement per task
 * with the methods named like {@link LeasedTask}'s, then {@link #apply()} it. Each settlement
 * follows exactly the rules of the matching {@link LeasedTask} method (retry policy, attempts,
 * error history, listeners, {@link Baton#stats()}, {@link TaskHandle#await}); the only difference
 * is that a task whose lease is lost or that was already settled is reported in its {@link Result}
 * instead of throwing, so one such task does not hold back the others.
 *
 * <p>A task is settled once, whichever way: if it is settled by its own method (or another batch)
 * while a batch holding it applies, one of them wins and the other reports it. A batch is meant for
 * one thread; the tasks in it may be used from others.
 *
 * <pre>{@code
 * SettleBatch batch = baton.settleBatch();
 * for (LeasedTask task : baton.fetch(Fetch.builder().types(SEND_EMAIL).max(200).build())) {
 *   try {
 *     batch.ack(task, mailer.send(task.payload(Email.class)));
 *   } catch (MailboxFullException e) {
 *     batch.fail(task, e);
 *   }
 * }
 * for (SettleBatch.Result r : batch.apply()) {
 *   if (r.verdict() != SettleBatch.Verdict.APPLIED) log.warn("{} was not settled: {}", r.id(), r.verdict());
 * }
 * }</pre>
 */
public interface SettleBatch {
  /** What became of one task's settlement. */
  enum Verdict {
    /** Stored: the task has its new status. */
    APPLIED,
    /**
     * Refused, nothing changed: the lease was lost (it expired and the backend took the task back,
     * the task was canceled, or the instance released it at shutdown), as {@link
     * LeaseLostException} says for a single settlement.
     */
    LEASE_LOST,
    /**
     * Refused, nothing changed by this settlement: the task was already settled (or is being
     * settled) by another call, or named twice in this batch.
     */
    ALREADY_SETTLED
  }

  /**
   * One task's result, in the order the settlements were added.
   *
   * @param id the task
   * @param verdict whether the settlement was stored
   * @param status the task's status after an applied settlement ({@code QUEUED} for a retry or a
   *     release); null when it was not applied
   */
  record Result(TaskId id, Verdict verdict, TaskStatus status) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException if the id or verdict is null
     */
    public Result {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(verdict, "verdict");
    }
  }

  /**
   * Adds {@link LeasedTask#ack()}: SUCCEEDED with no result.
   *
   * @param task a task fetched from this instance
   * @return this batch
   * @throws NullPointerException if the task is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch ack(LeasedTask task);

  /**
   * Adds {@link LeasedTask#ack(Object)}: SUCCEEDED with a result, written as JSON now.
   *
   * @param task a task fetched from this instance
   * @param result the result, or null for none
   * @return this batch
   * @throws NullPointerException if the task is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch ack(LeasedTask task, Object result);

  /**
   * Adds {@link LeasedTask#fail(String)}: a retryable failure, retried after the policy's backoff
   * while attempts remain, else FAILED.
   *
   * @param task a task fetched from this instance
   * @param reason why
   * @return this batch
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch fail(LeasedTask task, String reason);

  /**
   * Adds {@link LeasedTask#fail(Throwable)}: a retryable failure recorded like a handler's
   * exception.
   *
   * @param task a task fetched from this instance
   * @param error what went wrong
   * @return this batch
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch fail(LeasedTask task, Throwable error);

  /**
   * Adds {@link LeasedTask#fail(String, Duration)}: a retryable failure with an explicit delay.
   *
   * @param task a task fetched from this instance
   * @param reason why
   * @param retryAfter how long to wait, zero or more
   * @return this batch
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the delay is negative or the task was not fetched from this
   *     instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch fail(LeasedTask task, String reason, Duration retryAfter);

  /**
   * Adds {@link LeasedTask#failPermanently(String)}: FAILED whatever attempts are left.
   *
   * @param task a task fetched from this instance
   * @param reason why
   * @return this batch
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch failPermanently(LeasedTask task, String reason);

  /**
   * Adds {@link LeasedTask#suspend(Duration, Object)}: parked until {@code after} has passed, with
   * {@code state} kept (written as JSON now), no attempt spent.
   *
   * @param task a task fetched from this instance
   * @param after how long to wait, zero or more
   * @param state the state to keep, or null to keep none
   * @return this batch
   * @throws NullPointerException if the task or {@code after} is null
   * @throws IllegalArgumentException if {@code after} is negative or the task was not fetched from
   *     this instance
   * @throws InvalidPayloadException if the state cannot be written as JSON; nothing is added
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch suspend(LeasedTask task, Duration after, Object state);

  /**
   * Adds {@link LeasedTask#complete(Outcome)}: the outcome, as if a handler had returned it.
   *
   * @param task a task fetched from this instance
   * @param outcome the outcome
   * @return this batch
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws InvalidPayloadException if a suspend state cannot be written as JSON; nothing is added
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch complete(LeasedTask task, Outcome outcome);

  /**
   * Adds {@link LeasedTask#release()}: QUEUED and ready now, no attempt spent.
   *
   * @param task a task fetched from this instance
   * @return this batch
   * @throws NullPointerException if the task is null
   * @throws IllegalArgumentException if the task was not fetched from this instance
   * @throws IllegalStateException if the batch was already applied
   */
  SettleBatch release(LeasedTask task);

  /**
   * Stores every settlement added, in one backend round trip per 512 of them, and reports each.
   * Applying an empty batch returns an empty list and touches nothing.
   *
   * @return one result per settlement added, in the order they were added
   * @throws IllegalStateException if the batch was already applied
   * @throws dev.baton.spi.StoreException if the backend fails; then the tasks of the failed round
   *     trip (and of any after it) are still held, and may be settled again, in a new batch or
   *     singly; tasks of earlier round trips stay settled
   */
  List<Result> apply();
}
