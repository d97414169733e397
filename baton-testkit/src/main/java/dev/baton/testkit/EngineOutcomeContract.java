package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Outcome;
import dev.baton.TaskError;
import dev.baton.TaskFailedException;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a real engine stores every way a handler can end besides a result: a thrown exception retried
 * under the policy with backoff, retries spent, {@link Outcome#fail}, {@link Outcome#retryAfter}
 * and {@link Outcome#suspend}. Backoff and suspend tests drive the {@link ManualClock} and run when
 * {@link dev.baton.spi.Capabilities#callerClock()} holds. Extend it and implement {@link
 * #openStore}.
 */
public abstract class EngineOutcomeContract extends EngineContractSupport {
  /**
   * A handler's kept state while it suspends.
   *
   * @param page the next page to read
   */
  public record Progress(int page) {}

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineOutcomeContract() {}

  private TaskRecord awaitRetry(TaskId id, int errors) {
    Awaits.await()
        .alias("retry number " + errors + " of " + id)
        .until(
            () -> {
              TaskRecord task = store.get(id).orElseThrow();
              return task.status() == TaskStatus.QUEUED && task.errors().size() == errors;
            });
    return store.get(id).orElseThrow();
  }

  private TaskRecord awaitSuspendedAt(TaskId id, int page) {
    Awaits.await()
        .untilAsserted(
            () -> {
              TaskRecord task = store.get(id).orElseThrow();
              assertThat(task.status()).isEqualTo(TaskStatus.SUSPENDED);
              assertSameJson(task.state(), "{\"page\":" + page + "}");
            });
    return store.get(id).orElseThrow();
  }

  @Test
  void a_thrown_exception_is_retried_after_the_policy_backoff() {
    assumeCallerClock();
    AtomicInteger runs = new AtomicInteger();
    TaskHandler<Job> flaky =
        (job, ctx) -> {
          if (runs.incrementAndGet() < 3) {
            throw new IllegalStateException("flaky " + ctx.attempt());
          }
          return "ok";
        };
    RetryPolicy policy =
        RetryPolicy.exponential(Duration.ofSeconds(10), 3.0).jitter(0).maxRetries(3);
    Baton baton = start(builder().retry(policy).handle(JOB, flaky));
    TaskId id = baton.enqueue(JOB, new Job("flaky", 1)).id();

    TaskRecord first = awaitRetry(id, 1);
    assertThat(first.runAt()).isEqualTo(clock.instant().plusSeconds(10));
    assertThat(first.attempts()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    TaskRecord second = awaitRetry(id, 2);
    assertThat(second.runAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(runs.get()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(30));
    assertThat(baton.task(id).await(WAIT)).isEqualTo("ok");
    TaskRecord done = store.get(id).orElseThrow();
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(done.errors()).extracting(TaskError::message).containsExactly("flaky 1", "flaky 2");
  }

  @Test
  void spent_retries_fail_the_task_with_one_error_entry_per_attempt() {
    AtomicInteger runs = new AtomicInteger();
    TaskHandler<Job> doomed =
        (job, ctx) -> {
          runs.incrementAndGet();
          throw new IllegalStateException("boom " + ctx.attempt());
        };
    Baton baton = start(builder().retry(RetryPolicy.fixed(Duration.ZERO, 2)).handle(JOB, doomed));

    TaskId id = baton.enqueue(JOB, new Job("doomed", 1)).id();

    assertThatThrownBy(() -> baton.task(id).await(WAIT))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("boom 3");
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(3);
    assertThat(runs.get()).isEqualTo(3);
    assertThat(task.errors()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      TaskError error = task.errors().get(i);
      assertThat(error.attempt()).isEqualTo(i + 1);
      assertThat(error.message()).isEqualTo("boom " + (i + 1));
      assertThat(error.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
      assertThat(error.stackTrace())
          .startsWith(IllegalStateException.class.getName())
          .contains("\tat ")
          .hasSizeLessThanOrEqualTo(TaskError.MAX_STACK_CHARS);
      assertThat(error.at()).isNotNull();
      if (capabilities().callerClock()) {
        assertThat(error.at()).isEqualTo(clock.instant());
      }
    }
  }

  @Test
  void outcome_fail_fails_the_task_at_once_whatever_attempts_are_left() {
    AtomicInteger runs = new AtomicInteger();
    TaskHandler<Job> refuse =
        (job, ctx) -> {
          runs.incrementAndGet();
          return Outcome.fail("no such customer");
        };
    Baton baton = start(builder().retry(RetryPolicy.fixed(Duration.ZERO, 5)).handle(JOB, refuse));

    TaskId id = baton.enqueue(JOB, new Job("x", 1)).id();

    TaskRecord task = baton.task(id).awaitDone(WAIT);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.maxAttempts()).isEqualTo(6);
    assertThat(task.errors())
        .singleElement()
        .extracting(TaskError::message)
        .isEqualTo("no such customer");
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void outcome_retry_after_runs_again_after_the_given_delay() {
    assumeCallerClock();
    AtomicInteger runs = new AtomicInteger();
    TaskHandler<Job> rateLimited =
        (job, ctx) ->
            runs.incrementAndGet() == 1
                ? Outcome.retryAfter(Duration.ofSeconds(45), "rate limited")
                : "done";
    RetryPolicy policy = RetryPolicy.fixed(Duration.ofHours(1), 3);
    Baton baton = start(builder().retry(policy).handle(JOB, rateLimited));
    TaskId id = baton.enqueue(JOB, new Job("x", 1)).id();

    TaskRecord waiting = awaitRetry(id, 1);
    assertThat(waiting.runAt()).isEqualTo(clock.instant().plusSeconds(45));
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError().message()).isEqualTo("rate limited");

    clock.advance(Duration.ofSeconds(45));
    assertThat(baton.task(id).await(WAIT)).isEqualTo("done");
    assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void outcome_retry_after_with_no_attempts_left_fails_the_task() {
    TaskHandler<Job> busy = (job, ctx) -> Outcome.retryAfter(Duration.ZERO, "still busy");
    Baton baton = start(builder().handle(JOB, busy));

    TaskId id = baton.enqueue(JOB, new Job("x", 1), Enqueue.options().maxAttempts(2)).id();

    TaskRecord task = baton.task(id).awaitDone(WAIT);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.errors())
        .extracting(TaskError::message)
        .containsExactly("still busy", "still busy");
  }

  @Test
  void outcome_suspend_resumes_after_the_delay_with_its_state_and_spends_no_attempt() {
    assumeCallerClock();
    List<String> runs = new CopyOnWriteArrayList<>();
    TaskHandler<Job> paging =
        (job, ctx) -> {
          int page = ctx.state(Progress.class).map(Progress::page).orElse(0);
          runs.add("page " + page + " attempt " + ctx.attempt());
          return page < 2
              ? Outcome.suspend(Duration.ofMinutes(1), new Progress(page + 1))
              : "read " + page;
        };
    Baton baton = start(builder().handle(JOB, paging));
    TaskId id = baton.enqueue(JOB, new Job("x", 1), Enqueue.options().maxAttempts(1)).id();

    TaskRecord parked = awaitSuspendedAt(id, 1);
    assertThat(parked.attempts()).isZero();
    assertThat(parked.runAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(parked.errors()).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    awaitSuspendedAt(id, 2);
    clock.advance(Duration.ofMinutes(1));

    assertThat(baton.task(id).await(WAIT)).isEqualTo("read 2");
    assertThat(runs).containsExactly("page 0 attempt 1", "page 1 attempt 1", "page 2 attempt 1");
    assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(1);
  }
}
