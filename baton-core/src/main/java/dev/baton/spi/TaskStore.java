package dev.baton.spi;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The backend SPI: where tasks live and how they move through {@link TaskStatus}'s state machine.
 * One instance serves one Baton engine or several; every method is thread-safe and every state
 * change is atomic per task. "Now" is the store's clock: {@link StoreContext#clock()} when {@link
 * Capabilities#callerClock()} holds, else the backend's own.
 *
 * <p>Failures of the backend itself (connection lost, query failed) surface as {@link
 * StoreException}. Losing a race is never an exception: methods say so through their return value.
 *
 * <p>Every backend runs the contract suite in {@code baton-testkit}, which pins down each method's
 * behaviour; the documentation here is the summary.
 */
public interface TaskStore extends AutoCloseable {

  /**
   * What this backend supports. Constant for the store's life.
   *
   * @return the capability flags
   */
  Capabilities capabilities();

  /**
   * Inserts tasks in one round trip, status QUEUED, attempts 0, run-at as given (null means now),
   * each with the next value of the store's sequence. A task whose id already exists is left as it
   * is, whatever its status; the others are still inserted. An id repeated within the batch is
   * inserted once, from its first occurrence; the later ones count as existing. Wakes listeners if
   * any was inserted (a delayed task can move the engine's next wake-up earlier).
   *
   * @param tasks the tasks, in enqueue order
   * @return one flag per task, in order: true if inserted, false if the id existed
   * @throws StoreException if the backend fails; then none of the tasks were inserted
   */
  List<Boolean> enqueue(List<NewTask> tasks);

  /**
   * Claims up to {@code claim.limit()} ready tasks in one round trip. Ready means status QUEUED or
   * SUSPENDED, run-at at or before now, queue in {@code claim.queues()} and type in {@code
   * claim.types()}. Order: highest priority first, then earliest run-at, then lowest sequence. Each
   * claimed task becomes RUNNING with attempts plus one, started-at now, lease owner, lease token
   * and lease deadline (now plus {@code claim.lease()}). No task is ever claimed by two callers at
   * once.
   *
   * @param claim who claims, what, how many, for how long
   * @return the claimed tasks as they are after the claim, in the order above
   * @throws StoreException if the backend fails; then nothing was claimed
   */
  List<TaskRecord> claim(Claim claim);

  /**
   * Applies the ends of runs in one round trip, see {@link Settlement} for each kind. A settlement
   * applies only if its task is RUNNING with the same lease token; otherwise (the lease expired and
   * the task was requeued, claimed again, or canceled) it changes nothing. Every settlement updates
   * updated-at, adds its run time to the execution time, and clears the lease fields. Wakes
   * listeners if a task became ready.
   *
   * @param settlements the settlements
   * @return one flag per settlement, in order: true if it applied, false if it was fenced off
   * @throws StoreException if the backend fails; then none was applied
   */
  List<Boolean> settle(List<Settlement> settlements);

  /**
   * Extends held leases to now plus {@code lease}, each only while its task is RUNNING with the
   * same token.
   *
   * @param leases the leases to extend
   * @param lease the new lease length
   * @return one flag per lease, in order: false if the lease is lost
   * @throws StoreException if the backend fails
   */
  List<Boolean> renew(List<Lease> leases, Duration lease);

  /**
   * Requeues up to {@code limit} RUNNING tasks whose lease deadline is at or before now: each goes
   * back to QUEUED, ready now, with an error entry of kind {@code lease-expired} naming the old
   * owner; the attempt stays spent. A task whose attempts are spent moves to FAILED instead. Safe
   * to call from every node at once.
   *
   * @param limit the most tasks to requeue
   * @return the ids of the tasks requeued or failed
   * @throws StoreException if the backend fails
   */
  List<TaskId> expireLeases(int limit);

  /**
   * Cancels a task that is QUEUED, SUSPENDED or RUNNING: it becomes CANCELED with a finish time,
   * and a running handler's later settlement is fenced off.
   *
   * @param id the task
   * @return the status before the cancel, or empty if there is no such task or it was already
   *     terminal (then nothing changed)
   * @throws StoreException if the backend fails
   */
  Optional<TaskStatus> cancel(TaskId id);

  /**
   * Requeues a FAILED or CANCELED task by hand: QUEUED, ready now, attempts 0, finish time and
   * result cleared, error history kept. Wakes listeners.
   *
   * @param id the task
   * @return true if the task was FAILED or CANCELED and is now QUEUED
   * @throws StoreException if the backend fails
   */
  boolean retry(TaskId id);

  /**
   * The earliest run-at among waiting tasks (QUEUED or SUSPENDED) of the given queues and types,
   * ready or not: the engine sleeps until then.
   *
   * @param queues the queues
   * @param types the task types
   * @return the earliest run-at, or empty when nothing waits
   * @throws StoreException if the backend fails
   */
  Optional<Instant> nextRunAt(Set<String> queues, Set<String> types);

  /**
   * Registers a callback for "tasks may be ready": called after enqueues, retries and requeues that
   * make a task ready now, and, when {@link Capabilities#wakeups()} holds, when another process
   * does so. Called on the store's thread; must return at once.
   *
   * @param listener the callback
   */
  void addWakeListener(Runnable listener);

  /**
   * Reads one task.
   *
   * @param id the task
   * @return the task, or empty if there is none
   * @throws StoreException if the backend fails
   */
  Optional<TaskRecord> get(TaskId id);

  /**
   * Lists tasks for dashboards: newest (highest sequence) first. Supported when {@link
   * Capabilities#listing()} holds.
   *
   * @param query filters and paging
   * @return the page
   * @throws UnsupportedOperationException if listing is not supported
   * @throws StoreException if the backend fails
   */
  Page<TaskRecord> list(TaskQuery query);

  /**
   * Reads tasks in sequence order for export, a page at a time, whatever their status: a caller
   * starts at 0 and passes the last sequence it got until a page comes back shorter than {@code
   * limit}. Unlike {@link #list}, it is supported by every backend and stays cheap deep into a
   * large store.
   *
   * @param afterSequence the page starts after this sequence, exclusive
   * @param limit the most tasks to return, at least 1
   * @return the tasks with a sequence above {@code afterSequence}, lowest first
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws StoreException if the backend fails
   */
  List<TaskRecord> scan(long afterSequence, int limit);

  /**
   * Inserts whole task records as they are, in one round trip where the backend allows: how {@code
   * baton migrate} moves tasks between backends. Every field is kept (status, attempts, run-at,
   * state, result, error history, execution time, correlation, owner and schedule ids, created,
   * started, finished and updated times) except two. The sequence is this store's own, assigned in
   * the given order, so the order between tasks survives. A RUNNING record arrives QUEUED with no
   * lease: its lease belonged to the old backend, whose worker can no longer settle it here; its
   * attempt stays spent, as after an expired lease. A task whose id already exists is left as it
   * is, whatever its status, so a migration run again skips what it already copied. Wakes listeners
   * if a restored task is ready.
   *
   * @param tasks the records, in the order to keep
   * @return one flag per record, in order: true if inserted, false if the id existed
   * @throws StoreException if the backend fails; then none of the records were inserted
   */
  List<Boolean> restore(List<TaskRecord> tasks);

  /**
   * The record as {@link #restore} stores it, for backends to share one rule: a RUNNING record
   * becomes QUEUED with its lease fields cleared, and a terminal record without a finish time gets
   * its updated-at as one. Any other record comes back as it is.
   *
   * @param task a record from another backend
   * @return the record to insert
   * @throws NullPointerException if {@code task} is null
   */
  static TaskRecord restorable(TaskRecord task) {
    boolean running = task.status() == TaskStatus.RUNNING;
    boolean unfinished = task.status().isTerminal() && task.finishedAt() == null;
    if (!running && !unfinished) {
      return task;
    }
    return task.toBuilder()
        .status(running ? TaskStatus.QUEUED : task.status())
        .leaseOwner(null)
        .leaseToken(null)
        .leaseDeadline(null)
        .finishedAt(unfinished ? task.updatedAt() : task.finishedAt())
        .build();
  }

  /**
   * Counts tasks by queue, type and status; groups with no task are left out. Supported when {@link
   * Capabilities#listing()} holds. A QUEUED group also says how many of its tasks are scheduled
   * (run-at still ahead by this store's clock) rather than ready: see {@link QueueCount}.
   *
   * @return the counts
   * @throws UnsupportedOperationException if listing is not supported
   * @throws StoreException if the backend fails
   */
  List<QueueCount> counts();

  /**
   * Deletes every task (not schedules, not key-value entries).
   *
   * @throws StoreException if the backend fails
   */
  void clear();

  /**
   * Deletes up to {@code limit} finished tasks: SUCCEEDED, FAILED or CANCELED with a finish time
   * before {@code finishedBefore}, oldest finish first. Waiting and running tasks are never
   * touched, whatever their age. A deleted task is gone as if {@link #clear()} had removed it: its
   * id reads as absent and may be enqueued again. The engine calls this in chunks to enforce {@code
   * BatonBuilder.retention}; callers repeat it until it returns less than {@code limit}. Safe to
   * call from every node at once.
   *
   * @param finishedBefore the cutoff, exclusive: a task finished at exactly this instant stays
   * @param limit the most tasks to delete in this call, at least 1
   * @return how many tasks were deleted
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws StoreException if the backend fails; then none was deleted
   */
  int purge(Instant finishedBefore, int limit);

  /**
   * Checks the backend answers.
   *
   * @throws StoreException if it does not
   */
  void ping();

  /**
   * The key-value store on this backend.
   *
   * @return the key-value SPI
   * @throws UnsupportedOperationException if {@link Capabilities#keyValue()} is false
   */
  KvStore kv();

  /**
   * The schedule store on this backend.
   *
   * @return the schedule SPI
   * @throws UnsupportedOperationException if {@link Capabilities#schedules()} is false
   */
  ScheduleStore schedules();

  /**
   * Releases connections and threads. Tasks stay where they are.
   *
   * @throws StoreException if closing fails
   */
  @Override
  void close();
}
