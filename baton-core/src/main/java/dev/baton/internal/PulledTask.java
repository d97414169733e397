package dev.baton.internal;

import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.Outcome;
import dev.baton.SettleBatch;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.event.TaskListener.RunEnd;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One fetched task while its caller holds it. Each settlement goes through {@link Outcomes}, as a
 * handler's outcome does, and is stored before the call returns: the caller learns at once if it
 * was fenced off.
 */
final class PulledTask implements LeasedTask {
  private enum State {
    HELD,
    SETTLING,
    SETTLED
  }

  private final Puller puller;
  private final Run run;
  private final boolean renewed;
  private final long fetchedAt;
  private volatile Duration leaseLength;
  // Guarded by this; never held across a backend call.
  private State state = State.HELD;
  private String lost;

  PulledTask(Puller puller, Run run, boolean renewed, Duration lease, long fetchedAt) {
    this.puller = puller;
    this.run = run;
    this.renewed = renewed;
    this.leaseLength = lease;
    this.fetchedAt = fetchedAt;
  }

  Run run() {
    return run;
  }

  boolean renewed() {
    return renewed;
  }

  Duration leaseLength() {
    return leaseLength;
  }

  /**
   * Marks the lease lost (a refused renewal, a cancel, a new claim of the task) while the caller
   * holds the task; false if it was already lost, or a settlement under way will tell.
   */
  synchronized boolean loseLease(Run.Stop reason) {
    return state == State.HELD && run.stop(reason);
  }

  /** How long the caller has held the task. */
  Duration ran() {
    return Duration.ofNanos(System.nanoTime() - fetchedAt);
  }

  @Override
  public TaskRecord record() {
    return run.task;
  }

  @Override
  public TaskId id() {
    return run.task.id();
  }

  @Override
  public <T> T payload(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return puller.json().read(run.task.payload(), type, "payload");
  }

  @Override
  public <S> Optional<S> state(Class<S> type) {
    Objects.requireNonNull(type, "type");
    String kept = run.task.state();
    return kept == null
        ? Optional.empty()
        : Optional.ofNullable(puller.json().read(kept, type, "state"));
  }

  @Override
  public synchronized boolean leaseLost() {
    return lost != null || run.stopReason() != null;
  }

  @Override
  public void ack() {
    complete(Outcome.success(null));
  }

  @Override
  public void ack(Object result) {
    complete(Outcome.success(result));
  }

  @Override
  public void fail(String reason) {
    settle(failing(reason));
  }

  @Override
  public void fail(Throwable error) {
    settle(failing(error));
  }

  @Override
  public void fail(String reason, Duration retryAfter) {
    complete(Outcome.retryAfter(retryAfter, Objects.requireNonNull(reason, "reason")));
  }

  @Override
  public void failPermanently(String reason) {
    complete(Outcome.fail(Objects.requireNonNull(reason, "reason")));
  }

  @Override
  public void suspend(Duration after, Object state) {
    complete(Outcome.suspend(after, state));
  }

  @Override
  public void complete(Outcome outcome) {
    settle(ending(outcome));
  }

  @Override
  public void release() {
    settle(releasing());
  }

  // How each settlement ends the run, given how long it ran: shared by the methods above and
  // batches (PullBatch), so both map alike.

  Function<Duration, Worker.Done> ending(Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    return ran -> puller.outcomes().outcome(run, outcome, ran);
  }

  Function<Duration, Worker.Done> failing(String reason) {
    Objects.requireNonNull(reason, "reason");
    return ran ->
        puller
            .outcomes()
            .failed(run, new TaskError(now(), run.task.attempts(), reason, "error", ""), null, ran);
  }

  Function<Duration, Worker.Done> failing(Throwable error) {
    Objects.requireNonNull(error, "error");
    return ran ->
        puller.outcomes().failed(run, TaskError.of(now(), run.task.attempts(), error), null, ran);
  }

  Function<Duration, Worker.Done> releasing() {
    return ran ->
        new Worker.Done(run, new Settlement.Release(run.lease, ran), RunEnd.RELEASED, ran);
  }

  Puller puller() {
    return puller;
  }

  /**
   * Takes the task for a batch's settlement: null when taken (its own methods now refuse), else why
   * it cannot be settled. Undo with {@link #untake} if the settlement is not stored.
   */
  synchronized SettleBatch.Verdict take() {
    if (lost != null || run.stopReason() != null) {
      return SettleBatch.Verdict.LEASE_LOST;
    }
    if (state != State.HELD) {
      return SettleBatch.Verdict.ALREADY_SETTLED;
    }
    state = State.SETTLING;
    return null;
  }

  /** The settlement of a taken task was not stored (the backend failed): held again. */
  synchronized void untake() {
    state = State.HELD;
  }

  /**
   * The backend answered a taken task's settlement ({@code stored} false: fenced off); {@code
   * releasedWhy} explains later refusals of a task the instance released.
   */
  void answered(boolean stored, String releasedWhy) {
    synchronized (this) {
      state = State.SETTLED;
      if (!stored) {
        lost =
            "the backend refused the settlement: the lease expired and the task was taken back,"
                + " or it was canceled";
      } else if (releasedWhy != null) {
        lost = releasedWhy;
      }
    }
  }

  @Override
  public void extend(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("a lease must be at least 1 second but was " + lease);
    }
    synchronized (this) {
      check();
    }
    if (!puller.extend(run, lease)) {
      if (loseLease(Run.Stop.LEASE_LOST)) {
        puller.drop(this);
      }
      synchronized (this) {
        // Settled by another thread while the extension was on its way: that explains the refusal.
        check();
      }
      throw lostException();
    }
    if (lease.compareTo(leaseLength) > 0) {
      leaseLength = lease;
    }
  }

  /** Puts the task back at shutdown, unless its caller is settling it; later calls are refused. */
  void releaseAtShutdown() {
    synchronized (this) {
      if (state != State.HELD || leaseLost()) {
        return;
      }
      state = State.SETTLING;
    }
    store(
        ran -> new Worker.Done(run, new Settlement.Release(run.lease, ran), RunEnd.RELEASED, ran),
        "the instance released it at shutdown");
  }

  private void settle(Function<Duration, Worker.Done> end) {
    synchronized (this) {
      check();
      state = State.SETTLING;
    }
    store(end, null);
  }

  /**
   * Stores the settlement; a refused one marks the lease lost and throws. On an exception before
   * the backend answered (a state that cannot be written, a backend failure) the task is held
   * again.
   */
  private void store(Function<Duration, Worker.Done> end, String releasedWhy) {
    Worker.Done done;
    boolean stored;
    try {
      done = end.apply(ran());
      stored = puller.store(done.settlement());
    } catch (RuntimeException | Error e) {
      untake();
      throw e;
    }
    answered(stored, releasedWhy);
    puller.settled(this, done, stored);
    if (!stored && releasedWhy == null) {
      throw lostException();
    }
  }

  /** Refuses a call on a task whose lease is lost or that is settled or being settled. */
  private void check() {
    if (lost != null || run.stopReason() != null) {
      throw lostException();
    }
    if (state != State.HELD) {
      throw new IllegalStateException(
          "task "
              + id()
              + " is already "
              + (state == State.SETTLED ? "settled" : "being settled")
              + "; a leased task is settled once");
    }
  }

  private synchronized LeaseLostException lostException() {
    if (lost != null) {
      return new LeaseLostException(id(), lost);
    }
    Run.Stop stop = run.stopReason();
    String why =
        switch (stop == null ? Run.Stop.LEASE_LOST : stop) {
          case CANCELED -> "the task was canceled";
          case SHUTDOWN -> "the instance released it at shutdown";
          case LEASE_LOST, TIMEOUT ->
              "it expired and the backend took the task back (it may run elsewhere)";
        };
    return new LeaseLostException(id(), why);
  }

  private Instant now() {
    return puller.clock().instant();
  }
}
