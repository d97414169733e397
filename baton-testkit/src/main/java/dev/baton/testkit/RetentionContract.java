package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Retention: {@code purge} deletes finished tasks (SUCCEEDED, FAILED, CANCELED) that finished
 * before a cutoff, oldest first and at most a limit per call, and never a waiting or running task;
 * an engine built with {@code retention} does so on its own. Tests that need finish times apart
 * move the manual clock and run when {@link dev.baton.spi.Capabilities#callerClock()} holds; the
 * others run on every backend. Extend it and implement {@link #openStore}.
 */
public abstract class RetentionContract extends EngineContractSupport {
  private static final Duration HOUR = Duration.ofHours(1);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected RetentionContract() {}

  /** A cutoff after every finish time so far, on whichever clock the store uses. */
  private Instant afterEverything() {
    Instant now = capabilities().callerClock() ? clock.instant() : Instant.now();
    return now.plus(Duration.ofDays(1));
  }

  private void succeed(String id) {
    assertThat(settle(new Settlement.Succeed(leaseOf(claimOne(id)), null, Duration.ZERO))).isTrue();
  }

  private void fail(String id) {
    TaskRecord claimed = claimOne(id);
    TaskError error = new TaskError(clock.instant(), claimed.attempts(), "boom", "test", "");
    assertThat(settle(new Settlement.Fail(leaseOf(claimed), error, Duration.ZERO))).isTrue();
  }

  private boolean exists(String id) {
    return store.get(TaskId.of(id)).isPresent();
  }

  @Test
  void purge_deletes_finished_tasks_and_never_a_waiting_or_running_one() {
    enqueue("succeeded", "failed", "canceled", "running", "suspended", "queued");
    enqueue(newTask("delayed").runAt(Instant.now().plus(Duration.ofDays(400))).build());
    succeed("succeeded");
    fail("failed");
    assertThat(store.cancel(TaskId.of("canceled"))).contains(TaskStatus.QUEUED);
    claimOne("running");
    TaskRecord suspended = claimOne("suspended");
    settle(new Settlement.Suspend(leaseOf(suspended), Duration.ofDays(1), null, Duration.ZERO));

    assertThat(store.purge(afterEverything(), 100)).isEqualTo(3);

    assertThat(exists("succeeded")).isFalse();
    assertThat(exists("failed")).isFalse();
    assertThat(exists("canceled")).isFalse();
    assertThat(get("running").status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(get("suspended").status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(get("queued").status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(get("delayed").status()).isEqualTo(TaskStatus.QUEUED);
    if (capabilities().listing()) {
      assertThat(store.list(TaskQuery.byStatus(null, 100)).total()).isEqualTo(4);
      assertThat(store.counts())
          .noneMatch(count -> count.status().isTerminal())
          .as("the delayed task is one of the two QUEUED, and scheduled")
          .contains(new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 2, 1));
    }
  }

  @Test
  void purge_keeps_tasks_that_finished_at_or_after_the_cutoff() {
    assumeCallerClock();
    Instant start = clock.instant();
    enqueue("old", "recent");
    succeed("old");
    clock.advance(HOUR);
    succeed("recent");
    Instant recentFinish = get("recent").finishedAt();

    assertThat(store.purge(start.plus(Duration.ofMinutes(30)), 100)).isEqualTo(1);
    assertThat(exists("old")).isFalse();
    assertThat(store.purge(recentFinish, 100)).as("the cutoff is exclusive").isZero();
    assertThat(exists("recent")).isTrue();
    assertThat(store.purge(recentFinish.plusMillis(1), 100)).isEqualTo(1);
    assertThat(exists("recent")).isFalse();
  }

  @Test
  void purge_deletes_at_most_the_limit_per_call() {
    enqueue("t1", "t2", "t3", "t4", "t5");
    for (TaskRecord running : claim(5)) {
      settle(new Settlement.Succeed(leaseOf(running), null, Duration.ZERO));
    }
    Instant cutoff = afterEverything();

    assertThat(store.purge(cutoff, 2)).isEqualTo(2);
    assertThat(store.purge(cutoff, 2)).isEqualTo(2);
    assertThat(store.purge(cutoff, 2)).isEqualTo(1);
    assertThat(store.purge(cutoff, 2)).isZero();
    assertThat(List.of("t1", "t2", "t3", "t4", "t5").stream().anyMatch(this::exists)).isFalse();
  }

  @Test
  void purge_deletes_the_oldest_finish_first() {
    assumeCallerClock();
    enqueue("t1", "t2", "t3", "t4", "t5");
    List<TaskRecord> running = claim(5);
    // Finish in the order t3, t1, t5, t2, t4, a minute apart: age is the finish time, not the
    // enqueue order.
    for (int i : new int[] {2, 0, 4, 1, 3}) {
      settle(new Settlement.Succeed(leaseOf(running.get(i)), null, Duration.ZERO));
      clock.advance(Duration.ofMinutes(1));
    }
    Instant cutoff = clock.instant();

    assertThat(store.purge(cutoff, 2)).isEqualTo(2);
    assertThat(exists("t3") || exists("t1")).isFalse();
    assertThat(exists("t5") && exists("t2") && exists("t4")).isTrue();
    assertThat(store.purge(cutoff, 2)).isEqualTo(2);
    assertThat(exists("t5") || exists("t2")).isFalse();
    assertThat(exists("t4")).isTrue();
  }

  @Test
  void an_id_canceled_purged_and_enqueued_again_waits_behind_the_tasks_before_it() {
    enqueue("a", "b");
    store.cancel(TaskId.of("a"));
    assertThat(store.purge(afterEverything(), 10)).isEqualTo(1);

    assertThat(store.enqueue(List.of(newTask("a").build()))).containsExactly(true);

    if (capabilities().listing()) {
      assertThat(ids(store.list(TaskQuery.byStatus(TaskStatus.QUEUED, 10)).items()))
          .containsExactly("a", "b");
    }
    assertThat(ids(claim(10))).containsExactly("b", "a");
  }

  @Test
  void an_id_purged_and_succeeded_again_is_listed_and_exported_once() {
    enqueue("a");
    succeed("a");
    assertThat(store.purge(afterEverything(), 10)).isEqualTo(1);

    assertThat(store.enqueue(List.of(newTask("a").build()))).containsExactly(true);
    succeed("a");

    if (capabilities().listing()) {
      Page<TaskRecord> succeeded = store.list(TaskQuery.byStatus(TaskStatus.SUCCEEDED, 10));
      assertThat(ids(succeeded.items())).containsExactly("a");
      assertThat(succeeded.total()).isEqualTo(1);
    }
    assertThat(ids(store.scan(0, 10))).containsExactly("a");
  }

  @Test
  void a_purged_id_reads_as_absent_and_can_be_enqueued_again() {
    enqueue("a");
    succeed("a");

    assertThat(store.purge(afterEverything(), 10)).isEqualTo(1);

    assertThat(store.get(TaskId.of("a"))).isEmpty();
    assertThat(store.enqueue(List.of(newTask("a").build()))).containsExactly(true);
    TaskRecord again = get("a");
    assertThat(again.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(again.attempts()).isZero();
    assertThat(again.finishedAt()).isNull();
    assertThat(ids(claim(10))).containsExactly("a");
  }

  @Test
  void a_task_retried_by_hand_is_kept_and_its_next_finish_time_counts() {
    assumeCallerClock();
    Instant start = clock.instant();
    enqueue("a");
    fail("a");
    clock.advance(HOUR);
    assertThat(store.retry(TaskId.of("a"))).isTrue();

    assertThat(store.purge(start.plus(Duration.ofMinutes(30)), 10)).isZero();
    assertThat(get("a").status()).isEqualTo(TaskStatus.QUEUED);

    succeed("a");
    assertThat(store.purge(start.plus(Duration.ofMinutes(30)), 10)).isZero();
    assertThat(exists("a")).isTrue();
    assertThat(store.purge(start.plus(Duration.ofHours(2)), 10)).isEqualTo(1);
    assertThat(exists("a")).isFalse();
  }

  @Test
  void purge_refuses_a_limit_below_one() {
    assertThatThrownBy(() -> store.purge(afterEverything(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit")
        .hasMessageContaining("0");
  }

  @Test
  void an_engine_deletes_tasks_finished_longer_ago_than_its_retention() {
    assumeCallerClock();
    Baton baton =
        start(
            builder()
                .retention(HOUR)
                .purgePeriod(Duration.ofMillis(20))
                .handle(JOB, (job, ctx) -> job.name()));
    TaskId old = baton.enqueue(JOB, new Job("old", 1)).id();
    assertThat(baton.task(old).await(WAIT)).isEqualTo("old");

    clock.advance(HOUR.plusMinutes(1));
    TaskId recent = baton.enqueue(JOB, new Job("recent", 2)).id();
    assertThat(baton.task(recent).await(WAIT)).isEqualTo("recent");

    Awaits.await()
        .alias("the task finished over an hour ago to be deleted")
        .until(() -> store.get(old).isEmpty());
    assertThat(store.get(recent))
        .hasValueSatisfying(task -> assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED));
  }
}
