package dev.baton;

import java.time.Duration;
import java.util.Optional;

/**
 * A task fetched with {@link Baton#fetch(Fetch)}: RUNNING under a lease held by this instance until
 * the caller settles it. Settle it exactly once, with {@link #ack}, one of the {@code fail}
 * methods, {@link #suspend}, {@link #complete(Outcome)} or {@link #release}; each is stored before
 * it returns and follows the same rules as a handler's outcome (retry policy, attempts, error
 * history, listeners, {@link Baton#stats()}, {@link TaskHandle#await}).
 *
 * <p>A settlement is applied only while the lease is held (fencing): once the lease is lost (it
 * expired and the backend took the task back, the task was canceled, or the instance released it at
 * shutdown) every call throws {@link LeaseLostException} and changes nothing. Settling a second
 * time throws {@link IllegalStateException}. Instances are thread-safe.
 *
 * <pre>{@code
 * for (LeasedTask task : baton.fetch(Fetch.builder().types(SEND_EMAIL).max(10)
 *     .timeout(Duration.ofSeconds(5)).build())) {
 *   try {
 *     task.ack(mailer.send(task.payload(Email.class)));
 *   } catch (MailboxFullException e) {
 *     task.fail(e);                      // retried under the retry policy
 *   }
 * }
 * }</pre>
 */
public interface LeasedTask {
  /**
   * The task as it was claimed: RUNNING, with this attempt counted and the lease fields set.
   *
   * @return the record
   */
  TaskRecord record();

  /**
   * The task's id.
   *
   * @return the id
   */
  TaskId id();

  /**
   * The payload mapped to a class through the instance's mapper ({@link
   * BatonBuilder#objectMapper}), exactly as a handler's payload is: the default mapper refuses
   * unknown properties and nulls for primitives.
   *
   * @param type the class to map the JSON payload to
   * @param <T> the payload type
   * @return the payload
   * @throws InvalidPayloadException if the payload does not map to {@code type}; the task is still
   *     held, and a payload that does not map never will, so fail it with {@link #failPermanently}
   */
  <T> T payload(Class<T> type);

  /**
   * The private state an earlier run kept with {@link #suspend} (or a handler's {@link
   * Outcome#suspend}).
   *
   * @param type the class to map the JSON state to
   * @param <S> the state type
   * @return the state, or empty when none was kept
   * @throws InvalidPayloadException if the stored state does not map to {@code type}
   */
  <S> Optional<S> state(Class<S> type);

  /**
   * Whether the lease is known to be lost (a renewal or settlement was refused, the task was
   * canceled on this node, or the instance released it). False does not promise the next call
   * succeeds: the lease may run out at any time.
   *
   * @return true if the lease is known to be lost
   */
  boolean leaseLost();

  /**
   * Marks the task SUCCEEDED with no result.
   *
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held and the
   *     call may be repeated
   */
  void ack();

  /**
   * Marks the task SUCCEEDED with a result, stored as JSON.
   *
   * @param result the result, or null for none
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held and the
   *     call may be repeated
   */
  void ack(Object result);

  /**
   * A retryable failure: the task runs again after the retry policy's backoff while attempts
   * remain, else it is FAILED. The reason goes to the error history.
   *
   * @param reason why
   * @throws NullPointerException if the reason is null
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void fail(String reason);

  /**
   * A retryable failure recorded like a handler's exception (message, class and a trimmed stack):
   * retried after the policy's backoff while attempts remain, else FAILED.
   *
   * @param error what went wrong
   * @throws NullPointerException if the error is null
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void fail(Throwable error);

  /**
   * A retryable failure with an explicit delay before the next attempt, instead of the policy's
   * backoff ({@link Outcome#retryAfter}). FAILED when no attempts remain.
   *
   * @param reason why
   * @param retryAfter how long to wait, zero or more
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the delay is negative
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void fail(String reason, Duration retryAfter);

  /**
   * A failure that must not be retried, whatever attempts are left ({@link Outcome#fail}): the task
   * is FAILED.
   *
   * @param reason why
   * @throws NullPointerException if the reason is null
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void failPermanently(String reason);

  /**
   * Parks the task until {@code after} has passed, keeping {@code state} for the next run (read it
   * with {@link #state}); no attempt is spent ({@link Outcome#suspend}).
   *
   * @param after how long to wait, zero or more
   * @param state the state to keep as JSON, or null to keep none
   * @throws NullPointerException if {@code after} is null
   * @throws IllegalArgumentException if {@code after} is negative
   * @throws InvalidPayloadException if the state cannot be written as JSON; the task is still held
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void suspend(Duration after, Object state);

  /**
   * Settles the task with an outcome, exactly as if a handler had returned it.
   *
   * @param outcome the outcome
   * @throws NullPointerException if the outcome is null
   * @throws InvalidPayloadException if a suspend state cannot be written as JSON; the task is still
   *     held
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void complete(Outcome outcome);

  /**
   * Gives the task back without spending an attempt: QUEUED and ready now, private state kept, as a
   * graceful shutdown does with runs it stops.
   *
   * @throws LeaseLostException if the lease is lost; nothing changed
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails; then the task is still held
   */
  void release();

  /**
   * Extends the lease to {@code lease} from now (the backend's now). While the instance renews this
   * task's lease (see {@link Fetch#renewLeases()}), its renewals keep at least this length from
   * then on.
   *
   * @param lease the new lease length, at least 1 second
   * @throws NullPointerException if the length is null
   * @throws IllegalArgumentException if the length is under 1 second
   * @throws LeaseLostException if the lease is lost; the task is marked so
   * @throws IllegalStateException if the task was already settled
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  void extend(Duration lease);
}
