package dev.baton.internal;

import dev.baton.InvalidPayloadException;
import dev.baton.Outcome;
import dev.baton.TaskError;
import dev.baton.TaskRecord;
import dev.baton.event.TaskListener.RunEnd;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Turns how a run ended into the settlement to store: one mapping for handler-run tasks (the {@link
 * Worker}) and pulled ones ({@link Puller}), so both follow the same retry policy and the same
 * bounds.
 */
final class Outcomes {
  private final Json json;
  private final StoredRetry retry;
  private final InstantSource clock;

  Outcomes(Json json, RetryPolicy retry, InstantSource clock) {
    this.json = json;
    this.retry = new StoredRetry(retry);
    this.clock = clock;
  }

  Worker.Done outcome(Run run, Outcome outcome, Duration ran) {
    TaskRecord task = run.task;
    return switch (outcome) {
      case Outcome.Succeeded(Object result) -> {
        String resultJson;
        try {
          resultJson = result == null ? null : json.write(result, "result");
        } catch (InvalidPayloadException e) {
          yield done(
              run,
              new Settlement.Fail(
                  run.lease, TaskError.of(clock.instant(), task.attempts(), e), ran),
              RunEnd.FAILED,
              ran);
        }
        yield done(run, new Settlement.Succeed(run.lease, resultJson, ran), RunEnd.SUCCEEDED, ran);
      }
      case Outcome.RetryAfter(Duration delay, String reason) ->
          failed(
              run,
              new TaskError(clock.instant(), task.attempts(), reason, "retry-after", ""),
              delay,
              ran);
      case Outcome.Suspend(Duration after, Object state) -> {
        String stateJson = state == null ? null : json.write(state, "state");
        yield done(
            run,
            new Settlement.Suspend(run.lease, bounded(after), stateJson, ran),
            RunEnd.SUSPENDED,
            ran);
      }
      case Outcome.Fail(String reason) ->
          done(
              run,
              new Settlement.Fail(
                  run.lease,
                  new TaskError(clock.instant(), task.attempts(), reason, "fail", ""),
                  ran),
              RunEnd.FAILED,
              ran);
    };
  }

  /**
   * A failed attempt: retried after {@code delay} (or the backoff of the policy stored with the
   * task, so that every node waits alike) while attempts remain.
   */
  Worker.Done failed(Run run, TaskError error, Duration delay, Duration ran) {
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

  private static Worker.Done done(Run run, Settlement settlement, RunEnd end, Duration ran) {
    return new Worker.Done(run, settlement, end, ran);
  }
}
