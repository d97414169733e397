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
  private final TaskTypes types;
  private final Json json;
  private final KeyValueStore kv;
  private final Outcomes outcomes;
  private final InstantSource clock;
  private final ScheduledExecutorService timer;
  private final Listeners listeners;
  private final NodeCounters counters;

  Worker(
      TaskTypes types,
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
    this.outcomes = new Outcomes(json, retry, clock);
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
      return done(
          run, new Settlement.Fail(run.lease, error, Duration.ZERO), RunEnd.FAILED, Duration.ZERO);
    }
    Duration limit = task.timeout() != null ? task.timeout() : type.timeout();
    ScheduledFuture<?> alarm =
        limit == null
            ? null
            : timer.schedule(
                () -> run.stop(Run.Stop.TIMEOUT), Waits.nanos(limit), TimeUnit.NANOSECONDS);
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
          "timed out after "
              + millis(ran)
              + " (limit "
              + millis(limit)
              + ")"
              + (error == null ? "" : "; the handler then threw " + error);
      TaskError timeout = new TaskError(clock.instant(), task.attempts(), message, "timeout", "");
      return outcomes.failed(run, timeout, null, ran);
    }
    if (stop != null) {
      return stopped(run, stop, ran);
    }
    if (error != null) {
      return outcomes.failed(run, TaskError.of(clock.instant(), task.attempts(), error), null, ran);
    }
    return outcomes.outcome(
        run, value instanceof Outcome o ? o : new Outcome.Succeeded(value), ran);
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
