package dev.baton;

import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.util.List;
import java.util.Set;

/**
 * A running Baton instance: a client for enqueueing and inspecting tasks and, when it has handlers,
 * the workers that run them. Build one with {@link #builder()}; close it to shut down gracefully.
 *
 * <pre>{@code
 * try (Baton baton = Baton.builder()
 *     .backend("sqlite:baton.db")
 *     .handle(SEND_EMAIL, (email, ctx) -> mailer.send(email))
 *     .start()) {
 *   TaskId id = baton.enqueue(SEND_EMAIL, new Email("a@b.c", "hi")).id();
 *   Object receipt = baton.task(id).await(Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public interface Baton extends AutoCloseable {
  /**
   * Starts building an instance; every setting has a visible default.
   *
   * @return a new builder
   */
  static BatonBuilder builder() {
    return new BatonBuilder();
  }

  /**
   * Enqueues a task with default options. Returns once the backend has stored it.
   *
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the task's id, and whether it was created
   * @throws InvalidPayloadException if the payload cannot be written as JSON or is too large
   * @throws IllegalArgumentException if the type clashes with a registered one of the same name
   * @throws IllegalStateException if the instance is closed
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  <T> Enqueued enqueue(TaskType<T> type, T payload);

  /**
   * Enqueues a task. With an explicit id the call is idempotent: when a task with that id exists,
   * nothing changes and the result says {@code created == false}.
   *
   * @param type the task type
   * @param payload the payload
   * @param options id, queue, priority, delay, attempts, timeout, correlation id
   * @param <T> the payload type
   * @return the task's id, and whether it was created
   * @throws InvalidPayloadException if the payload cannot be written as JSON or is too large
   * @throws IllegalArgumentException if the type clashes with a registered one of the same name
   * @throws IllegalStateException if the instance is closed
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  <T> Enqueued enqueue(TaskType<T> type, T payload, Enqueue options);

  /**
   * Enqueues one request, typed or by name with JSON.
   *
   * @param request the request
   * @return the task's id, and whether it was created
   * @throws UnknownTaskTypeException if a request by name names a type this instance does not know
   * @throws InvalidPayloadException if the payload does not map to the type or is too large
   * @throws IllegalStateException if the instance is closed
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  Enqueued enqueue(TaskRequest request);

  /**
   * Enqueues many tasks in one backend round trip. Every request is checked first: if one is bad,
   * none is stored.
   *
   * @param requests the requests, in order
   * @return one result per request, in order
   * @throws UnknownTaskTypeException if a request names a type this instance does not know
   * @throws InvalidPayloadException if a payload does not map to its type or is too large; its
   *     {@link InvalidPayloadException#field() field} names the request by its place, {@code
   *     requests[2].payload}, in a list of one too
   * @throws IllegalStateException if the instance is closed
   * @throws dev.baton.spi.StoreException if the backend fails; then none was stored
   */
  List<Enqueued> enqueueAll(List<TaskRequest> requests);

  /**
   * A handle on one task, to read it or wait for it. Cheap; does not touch the backend.
   *
   * @param id the task's id
   * @return the handle
   */
  TaskHandle task(TaskId id);

  /**
   * Fetches ready tasks for the caller to run: up to {@code fetch.max()} tasks of the fetch's
   * queues and types, each claimed (RUNNING, an attempt counted) under a lease held by this
   * instance, to be settled with the {@link LeasedTask} methods. When none is ready it waits up to
   * {@code fetch.timeout()}, woken by the backend's wake-ups and by enqueues on this instance, and
   * otherwise looks again no more often than the poll interval ({@link BatonBuilder#pollInterval});
   * paused queues are skipped. No handler is needed for the types: an instance built with {@code
   * workers(0)} may fetch. The instance renews the leases while the tasks are held, unless the
   * fetch opts out; at {@link #close()} it waits for held tasks within the shutdown grace, then
   * releases the rest without spending an attempt. Handler timeouts do not apply: a pulled task is
   * bounded by its lease alone.
   *
   * @param fetch queues, types, how many, how long to wait, whether to renew leases
   * @return the leased tasks, in claim order (priority, then run-at, then enqueue order); empty
   *     when none became ready in time or the instance is closing
   * @throws NullPointerException if {@code fetch} is null
   * @throws IllegalArgumentException if the fetch names no queue or no type and this instance has
   *     none to default to (see {@link Fetch})
   * @throws BatonException if the thread is interrupted while waiting (the interrupt flag is kept)
   * @throws dev.baton.spi.StoreException if the backend fails; then nothing was claimed
   */
  List<LeasedTask> fetch(Fetch fetch);

  /**
   * Starts a batch of settlements for tasks fetched with {@link #fetch}: many tasks settled in one
   * backend round trip, each reported as applied, refused for a lost lease, or already settled (see
   * {@link SettleBatch}). Cheap; touches nothing until it is applied.
   *
   * @return an empty batch
   */
  SettleBatch settleBatch();

  /**
   * Cancels a QUEUED, SUSPENDED or RUNNING task. A run in this process is interrupted; a run
   * elsewhere finishes but its outcome is discarded.
   *
   * @param id the task
   * @return true if the task was canceled by this call
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  boolean cancel(TaskId id);

  /**
   * Requeues a FAILED or CANCELED task with a fresh set of attempts.
   *
   * @param id the task
   * @return true if it was requeued
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  boolean retry(TaskId id);

  /**
   * Pauses a queue on every node that shares the backend: no worker claims from it until it is
   * resumed; runs already under way finish, and enqueues are still accepted. Other nodes see the
   * change within a second. The state is kept in the key-value store under a reserved key.
   *
   * @param queue the queue
   * @return true if the queue was not paused before
   * @throws NullPointerException if the queue name is null
   * @throws IllegalArgumentException if the queue name is one an enqueue refuses (see {@link
   *     TaskType#checkQueueName})
   * @throws UnsupportedOperationException if the backend has no key-value store
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  boolean pauseQueue(String queue);

  /**
   * Resumes a paused queue on every node.
   *
   * @param queue the queue
   * @return true if the queue was paused
   * @throws NullPointerException if the queue name is null
   * @throws IllegalArgumentException if the queue name is one an enqueue refuses (see {@link
   *     TaskType#checkQueueName})
   * @throws UnsupportedOperationException if the backend has no key-value store
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  boolean resumeQueue(String queue);

  /**
   * The paused queues, as this node sees them (at most a second old).
   *
   * @return the paused queues; empty when the backend has no key-value store
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  Set<String> pausedQueues();

  /**
   * Lists tasks, newest first.
   *
   * @param query filters and paging
   * @return the page
   * @throws UnsupportedOperationException if the backend cannot list
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  Page<TaskRecord> tasks(TaskQuery query);

  /**
   * Counts tasks by queue, type and status. A QUEUED group tells its ready tasks (due now) from its
   * scheduled ones (run-at still ahead): see {@link QueueCount#ready()} and {@link
   * QueueCount#scheduled()}.
   *
   * @return the counts
   * @throws UnsupportedOperationException if the backend cannot count
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  List<QueueCount> counts();

  /**
   * What this node is doing and has done since it started: busy and idle workers, tasks it
   * submitted, and the outcomes of the runs it stored. Counted where the work happens, so the
   * numbers are exact for this node (other nodes on the same backend keep their own); cheap enough
   * to read on every metrics scrape. Still answers after {@link #close()}, with no workers.
   *
   * @return a snapshot of this node's numbers
   */
  NodeStats stats();

  /**
   * The shared key-value store.
   *
   * @return the store
   * @throws UnsupportedOperationException if the backend has none
   */
  KeyValueStore store();

  /**
   * Recurring and one-off schedules, stored in the backend.
   *
   * @return the schedules API
   * @throws UnsupportedOperationException if the backend cannot store schedules
   */
  dev.baton.schedule.Schedules schedules();

  /**
   * The names of the task types this instance knows (handled or only registered).
   *
   * @return the type names
   */
  Set<String> taskTypes();

  /**
   * The names of the task types this instance's workers run.
   *
   * @return the handled type names
   */
  Set<String> handledTypes();

  /**
   * This instance's node id, stored as the lease owner of the tasks it runs.
   *
   * @return the node id
   */
  String nodeId();

  /**
   * The backend, for tools that need the SPI (the server, migrations).
   *
   * @return the store
   */
  TaskStore backend();

  /**
   * Shuts down gracefully: stops claiming, lets running handlers finish within the shutdown grace,
   * then interrupts them and puts what still runs back in the queue without spending an attempt.
   * Fetches return nothing from the start of the close; fetched tasks still held at the end of the
   * grace are released the same way. Idempotent.
   */
  @Override
  void close();
}
