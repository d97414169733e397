package dev.baton.internal;

import dev.baton.InvalidPayloadException;
import dev.baton.KeyValueStore;
import dev.baton.Outcome;
import dev.baton.TaskError;
import dev.baton.TaskHandler;
import dev.baton.TaskRecord;
import dev.baton.TaskType;
import dev.baton.event.TaskListener.RunEnd;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one claimed task's handler and turns how it ended into a settlement. */
final class Worker {
  private final Types types;
  private final Json json;
  private final KeyValueStore kv;
  private final StoredRetry retry;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  private final Listeners listeners;
  private final NodeCounters counters;

  Worker(
      Types types,
      Json json,
      KeyValueStore kv,
      RetryPolicy retry,
      InstantSource clock,
      ScheduledExecutorService timer,
      Listeners listeners,
      NodeCounters counters) {
    this.types = types;
    this.json = json;
    this.kv = kv;
    this.retry = new StoredRetry(retry);
    this.clock = clock;
    this.timer = timer;
    this.listeners = listeners;
    this.counters = counters;
  }

  /** The settlement to store, with how the run ended; null when there is nothing to store. */
  record Done(Run run, Settlement settlement, RunEnd end, Duration ran) {}

  Done execute(Run run) {
    counters.runStarted();
    try {
      return run(run);
    } finally {
      counters.runEnded();
    }
  }

  private Done run(Run run) {
    TaskRecord task = run.task;
    if (!run.begin()) {
      run.end();
      return stopped(run, run.stopReason(), Duration.ZERO);
    }
    TaskType<?> type = types.type(task.type());
    Object payload;
    try {
      payload = json.read(task.payload(), type.payloadType(), "payload");
    } catch (InvalidPayloadException e) {
      run.end();
      // A payload that does not map to its type never will: retrying cannot help.
      TaskError error = TaskError.of(clock.instant(), task.attempts(), e);
      return done(run, new Settlement.Fail(run.lease, error, Duration.ZERO), RunEnd.FAILED, Duration.ZERO);
    }
    Duration limit = task.timeout() != null ? task.timeout() : type.timeout();
    ScheduledFuture<?> alarm =
        limit == null
            ? null
            : timer.schedule(() -> run.stop(Run.Stop.TIMEOUT), Waits.nanos(limit), TimeUnit.NANOSECONDS);
    listeners.started(task);
    long start = System.nanoTime();
    Object value = null;
    Throwable error = null;
    try {
      TaskHandler<Object> handler = types.handler(task.type());
      value = handler.handle(payload, new RunContext(task, json, kv));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      error = e;
    }
    Duration ran = Duration.ofNanos(System.nanoTime() - start);
    Run.Stop stop = run.end();
    if (alarm != null) {
      alarm.cancel(false);
    }
    if (stop == Run.Stop.TIMEOUT) {
      listeners.timedOut(task, limit);
      String message =
          "timed out after " + millis(ran) + " (limit " + millis(limit) + ")"
              + (error == null ? "" : "; the handler then threw " + error);
      TaskError timeout = new TaskError(clock.instant(), task.attempts(), message, "timeout", "");
      return failed(run, timeout, null, ran);
    }
    if (stop != null) {
      return stopped(run, stop, ran);
    }
    if (error != null) {
      return failed(run, TaskError.of(clock.instant(), task.attempts(), error), null, ran);
    }
    return outcome(run, value instanceof Outcome o ? o : new Outcome.Succeeded(value), ran);
  }

  private Done outcome(Run run, Outcome outcome, Duration ran) {
    TaskRecord task = run.task;
    return switch (outcome) {
      case Outcome.Succeeded(Object result) -> {
        String resultJson;
        try {
          resultJson = result == null ? null : json.write(result, "result");
        } catch (InvalidPayloadException e) {
          yield done(run, new Settlement.Fail(run.lease, TaskError.of(clock.instant(), task.attempts(), e), ran), RunEnd.FAILED, ran);
        }
        yield done(run, new Settlement.Succeed(run.lease, resultJson, ran), RunEnd.SUCCEEDED, ran);
      }
      case Outcome.RetryAfter(Duration delay, String reason) ->
          failed(run, new TaskError(clock.instant(), task.attempts(), reason, "retry-after", ""), delay, ran);
      case Outcome.Suspend(Duration after, Object state) -> {
        String stateJson = state == null ? null : json.write(state, "state");
        yield done(run, new Settlement.Suspend(run.lease, bounded(after), stateJson, ran), RunEnd.SUSPENDED, ran);
      }
      case Outcome.Fail(String reason) ->
          done(run, new Settlement.Fail(run.lease, new TaskError(clock.instant(), task.attempts(), reason, "fail", ""), ran), RunEnd.FAILED, ran);
    };
  }

  /**
   * A failed attempt: retried after {@code delay} (or the backoff of the policy stored with the
   * task, so that every node waits alike) while attempts remain.
   */
  private Done failed(Run run, TaskError error, Duration delay, Duration ran) {
    TaskRecord task = run.task;
    if (task.attempts() >= task.maxAttempts()) {
      return done(run, new Settlement.Fail(run.lease, error, ran), RunEnd.FAILED, ran);
    }
    Duration wait = bounded(delay != null ? delay : retry.of(task).delay(task.attempts()));
    return done(run, new Settlement.Retry(run.lease, wait, error, ran), RunEnd.RETRIED, ran);
  }

  // A handler may ask for any delay; a task due after the run-at range could not be read back by
  // every backend, so it waits until a day before the end of the range at most. The backend adds
  // the delay to its own clock: the day covers any skew between it and this node.
  private Duration bounded(Duration delay) {
    Duration left = Duration.between(clock.instant(), dev.baton.Enqueue.MAX_RUN_AT).minusDays(1);
    return delay.compareTo(left) > 0 ? left : delay;
  }

  private Done stopped(Run run, Run.Stop stop, Duration ran) {
    return switch (stop) {
      case SHUTDOWN -> done(run, new Settlement.Release(run.lease, ran), RunEnd.RELEASED, ran);
      // The store already moved the task on (canceled, or requeued for another node).
      case CANCELED, LEASE_LOST -> new Done(run, null, RunEnd.FENCED, ran);
      case TIMEOUT -> throw new IllegalStateException("timeouts are handled before");
    };
  }

  private static Done done(Run run, Settlement settlement, RunEnd end, Duration ran) {
    return new Done(run, settlement, end, ran);
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }
}
