package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How runs end in {@link dev.baton.spi.TaskStore#settle}: each {@link Settlement} kind, execution
 * time, batches. Cancels and manual retries are in {@link CancelRetryContract}, fencing in {@link
 * LeaseContract}. Extend it and implement {@link #openStore}.
 */
public abstract class SettleContract extends StoreContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected SettleContract() {}

  private TaskRecord enqueueAndClaim(String id) {
    enqueue(id);
    return claimOne(id);
  }

  private TaskError error(int attempt, String message) {
    return new TaskError(
        clock.instant(), attempt, message, "java.io.IOException", "stack " + attempt);
  }

  @Test
  void succeed_stores_the_result_and_finish_time_and_drops_the_lease() {
    TaskRecord claimed = enqueueAndClaim("a");

    assertThat(
            settle(new Settlement.Succeed(leaseOf(claimed), "{\"sum\":3}", Duration.ofMillis(120))))
        .isTrue();

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertSameJson(task.result(), "{\"sum\":3}");
    assertIsNow(task.finishedAt(), "finishedAt");
    assertIsNow(task.updatedAt(), "updatedAt");
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.executionTime()).isEqualTo(Duration.ofMillis(120));
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseToken()).isNull();
    assertThat(task.leaseDeadline()).isNull();
    assertThat(task.errors()).isEmpty();
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void succeed_with_no_result_stores_none() {
    TaskRecord claimed = enqueueAndClaim("a");

    assertThat(settle(new Settlement.Succeed(leaseOf(claimed), null, Duration.ZERO))).isTrue();

    assertThat(get("a").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(get("a").result()).isNull();
  }

  @Test
  void fail_appends_the_error_and_ends_the_task_failed() {
    TaskRecord claimed = enqueueAndClaim("a");
    TaskError error = error(1, "disk full");

    assertThat(settle(new Settlement.Fail(leaseOf(claimed), error, Duration.ofMillis(5)))).isTrue();

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.errors()).containsExactly(error);
    assertIsNow(task.finishedAt(), "finishedAt");
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.leaseToken()).isNull();
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void retry_requeues_after_the_delay_keeps_the_attempt_spent_and_grows_the_error_history() {
    assumeCallerClock();
    TaskRecord first = enqueueAndClaim("a");
    TaskError one = error(1, "first failure");

    assertThat(
            settle(
                new Settlement.Retry(leaseOf(first), Duration.ofSeconds(30), one, Duration.ZERO)))
        .isTrue();

    TaskRecord queued = get("a");
    assertThat(queued.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(queued.runAt()).isEqualTo(clock.instant().plusSeconds(30));
    assertThat(queued.attempts()).isEqualTo(1);
    assertThat(queued.errors()).containsExactly(one);
    assertThat(queued.finishedAt()).isNull();
    assertThat(queued.leaseToken()).isNull();

    clock.advance(Duration.ofMillis(29_999));
    assertThat(claim(10)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    TaskRecord second = claimOne("a");
    assertThat(second.attempts()).isEqualTo(2);

    TaskError two = error(2, "second failure");
    assertThat(
            settle(
                new Settlement.Retry(leaseOf(second), Duration.ofSeconds(1), two, Duration.ZERO)))
        .isTrue();
    assertThat(get("a").errors()).containsExactly(one, two);
    assertThat(get("a").attempts()).isEqualTo(2);
  }

  @Test
  void retry_with_no_delay_is_claimable_at_once() {
    TaskRecord claimed = enqueueAndClaim("a");

    assertThat(
            settle(
                new Settlement.Retry(
                    leaseOf(claimed), Duration.ZERO, error(1, "x"), Duration.ZERO)))
        .isTrue();

    assertThat(claimOne("a").attempts()).isEqualTo(2);
  }

  @Test
  void suspend_parks_the_task_with_its_state_and_gives_the_attempt_back() {
    assumeCallerClock();
    TaskRecord claimed = enqueueAndClaim("a");
    Instant due = clock.instant().plusSeconds(60);

    assertThat(
            settle(
                new Settlement.Suspend(
                    leaseOf(claimed),
                    Duration.ofSeconds(60),
                    "{\"page\":4}",
                    Duration.ofMillis(10))))
        .isTrue();

    TaskRecord parked = get("a");
    assertThat(parked.status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(parked.attempts()).isZero();
    assertSameJson(parked.state(), "{\"page\":4}");
    assertThat(parked.runAt()).isEqualTo(due);
    assertThat(parked.errors()).isEmpty();
    assertThat(parked.finishedAt()).isNull();
    assertThat(parked.leaseToken()).isNull();
    assertThat(store.nextRunAt(java.util.Set.of(TestTasks.QUEUE), java.util.Set.of(TestTasks.TYPE)))
        .contains(due);

    clock.advance(Duration.ofMillis(59_999));
    assertThat(claim(10)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    TaskRecord resumed = claimOne("a");
    assertThat(resumed.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(resumed.attempts()).isEqualTo(1);
    assertSameJson(resumed.state(), "{\"page\":4}");
  }

  @Test
  void suspend_with_no_state_clears_the_state() {
    TaskRecord first = enqueueAndClaim("a");
    settle(new Settlement.Suspend(leaseOf(first), Duration.ZERO, "{\"step\":1}", Duration.ZERO));
    TaskRecord second = claimOne("a");
    assertSameJson(second.state(), "{\"step\":1}");

    assertThat(settle(new Settlement.Suspend(leaseOf(second), Duration.ZERO, null, Duration.ZERO)))
        .isTrue();

    assertThat(get("a").state()).isNull();
    assertThat(get("a").status()).isEqualTo(TaskStatus.SUSPENDED);
  }

  @Test
  void release_requeues_at_once_without_spending_the_attempt_and_keeps_the_state() {
    TaskRecord first = enqueueAndClaim("a");
    settle(new Settlement.Suspend(leaseOf(first), Duration.ZERO, "{\"kept\":true}", Duration.ZERO));
    TaskRecord second = claimOne("a");

    assertThat(settle(new Settlement.Release(leaseOf(second), Duration.ofMillis(3)))).isTrue();

    TaskRecord released = get("a");
    assertThat(released.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(released.attempts()).isZero();
    assertThat(released.errors()).isEmpty();
    assertThat(released.leaseToken()).isNull();
    assertSameJson(released.state(), "{\"kept\":true}");
    TaskRecord again = claimOne("a");
    assertThat(again.attempts()).isEqualTo(1);
  }

  @Test
  void execution_time_adds_up_over_runs() {
    TaskRecord first = enqueueAndClaim("a");
    settle(
        new Settlement.Retry(leaseOf(first), Duration.ZERO, error(1, "x"), Duration.ofMillis(100)));
    TaskRecord second = claimOne("a");
    settle(new Settlement.Suspend(leaseOf(second), Duration.ZERO, null, Duration.ofMillis(250)));
    TaskRecord third = claimOne("a");
    settle(new Settlement.Succeed(leaseOf(third), null, Duration.ofMillis(1_000)));

    assertThat(get("a").executionTime()).isEqualTo(Duration.ofMillis(1_350));
  }

  @Test
  void a_batch_of_settlements_applies_each_and_reports_each_in_order() {
    enqueue("a", "b", "c");
    List<TaskRecord> claimed = claim(3);
    Lease stale = new Lease(claimed.get(1).id(), "not-the-token");

    List<Boolean> applied =
        store.settle(
            List.of(
                new Settlement.Succeed(leaseOf(claimed.get(0)), "\"A\"", Duration.ZERO),
                new Settlement.Succeed(stale, "\"B\"", Duration.ZERO),
                new Settlement.Fail(leaseOf(claimed.get(2)), error(1, "c broke"), Duration.ZERO)));

    assertThat(applied).containsExactly(true, false, true);
    assertThat(get("a").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(get("b").status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(get("b").result()).isNull();
    assertThat(get("c").status()).isEqualTo(TaskStatus.FAILED);
  }

  @Test
  void a_settlement_for_a_task_that_does_not_exist_applies_nowhere() {
    Lease ghost = new Lease(TaskId.of("ghost"), "token");

    assertThat(settle(new Settlement.Succeed(ghost, null, Duration.ZERO))).isFalse();
    assertThat(store.get(TaskId.of("ghost"))).isEmpty();
  }

  @Test
  void settled_tasks_make_room_for_the_next_in_order() {
    enqueue(newTask("first").priority(5).build());
    enqueue(newTask("second").priority(1).build());
    TaskRecord claimed = claimOne("first");

    settle(new Settlement.Retry(leaseOf(claimed), Duration.ZERO, error(1, "again"), Duration.ZERO));

    assertThat(ids(claim(10))).containsExactly("first", "second");
  }
}
