package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.baton.spi.TaskStore#cancel} and {@link dev.baton.spi.TaskStore#retry}: which statuses
 * they apply to, what they return, and what they leave behind. Extend it and implement {@link
 * #openStore}.
 */
public abstract class CancelRetryContract extends StoreContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected CancelRetryContract() {}

  /** Puts a task in a status; each task gets its own queue so that claims never mix them up. */
  private TaskRecord inStatus(String id, TaskStatus status) {
    enqueue(TestTasks.newTask(id).queue(id).build());
    if (status == TaskStatus.QUEUED) {
      return get(id);
    }
    if (status == TaskStatus.CANCELED) {
      assertThat(store.cancel(TaskId.of(id))).contains(TaskStatus.QUEUED);
      return get(id);
    }
    List<TaskRecord> claimed =
        store.claim(claimOf(OWNER, Set.of(id), Set.of(TestTasks.TYPE), 10, LEASE));
    assertThat(ids(claimed)).containsExactly(id);
    Lease lease = leaseOf(claimed.get(0));
    Settlement settlement =
        switch (status) {
          case RUNNING -> null;
          case SUSPENDED -> new Settlement.Suspend(lease, Duration.ofHours(1), "{}", Duration.ZERO);
          case SUCCEEDED -> new Settlement.Succeed(lease, "1", Duration.ZERO);
          case FAILED ->
              new Settlement.Fail(
                  lease,
                  new TaskError(clock.instant(), 1, "broke", "java.lang.IllegalStateException", ""),
                  Duration.ZERO);
          default -> throw new IllegalArgumentException(status.toString());
        };
    if (settlement != null) {
      assertThat(settle(settlement)).isTrue();
    }
    assertThat(get(id).status()).isEqualTo(status);
    return get(id);
  }

  private List<TaskRecord> claimIn(String queue) {
    return store.claim(claimOf(OWNER, Set.of(queue), Set.of(TestTasks.TYPE), 10, LEASE));
  }

  @Test
  void cancel_of_a_queued_task_returns_queued_and_takes_it_out_of_the_queue() {
    inStatus("a", TaskStatus.QUEUED);

    assertThat(store.cancel(TaskId.of("a"))).contains(TaskStatus.QUEUED);

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELED);
    assertIsNow(task.finishedAt(), "finishedAt");
    assertThat(claimIn("a")).isEmpty();
  }

  @Test
  void canceled_tasks_take_no_place_in_a_claim() {
    enqueue("a", "b", "c");
    store.cancel(TaskId.of("a"));
    store.cancel(TaskId.of("b"));

    assertThat(ids(claim(1))).containsExactly("c");
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void a_canceled_task_retried_waits_behind_tasks_due_before_its_retry() {
    assumeCallerClock();
    enqueue("a", "b");
    clock.advance(Duration.ofSeconds(1));
    store.cancel(TaskId.of("a"));
    assertThat(store.retry(TaskId.of("a"))).isTrue();
    // Due at the instant of the retry, as a is: a goes first, on its lower sequence.
    enqueue("c");

    assertThat(ids(claim(10))).containsExactly("b", "a", "c");
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void cancel_of_a_suspended_task_returns_suspended_and_it_never_resumes() {
    inStatus("a", TaskStatus.SUSPENDED);

    assertThat(store.cancel(TaskId.of("a"))).contains(TaskStatus.SUSPENDED);

    assertThat(get("a").status()).isEqualTo(TaskStatus.CANCELED);
    if (capabilities().callerClock()) {
      clock.advance(Duration.ofHours(2));
    }
    assertThat(claimIn("a")).isEmpty();
  }

  @Test
  void cancel_of_a_running_task_returns_running_and_drops_the_lease() {
    TaskRecord claimed = inStatus("a", TaskStatus.RUNNING);

    assertThat(store.cancel(TaskId.of("a"))).contains(TaskStatus.RUNNING);

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(task.leaseToken()).isNull();
    assertThat(task.leaseOwner()).isNull();
    assertThat(store.renew(List.of(leaseOf(claimed)), LEASE)).containsExactly(false);
  }

  @Test
  void cancel_of_a_terminal_task_returns_empty_and_changes_nothing() {
    for (TaskStatus status :
        new TaskStatus[] {TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELED}) {
      TaskRecord before = inStatus("t-" + status, status);

      assertThat(store.cancel(before.id())).as("cancel of a %s task", status).isEmpty();
      assertThat(get("t-" + status)).isEqualTo(before);
    }
  }

  @Test
  void cancel_of_a_missing_task_returns_empty() {
    assertThat(store.cancel(TaskId.of("nobody"))).isEmpty();
    assertThat(store.get(TaskId.of("nobody"))).isEmpty();
  }

  @Test
  void retry_of_a_failed_task_requeues_it_with_fresh_attempts_and_keeps_the_errors() {
    TaskRecord failed = inStatus("a", TaskStatus.FAILED);

    assertThat(store.retry(TaskId.of("a"))).isTrue();

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.attempts()).isZero();
    assertThat(task.finishedAt()).isNull();
    assertThat(task.result()).isNull();
    assertThat(task.errors()).isEqualTo(failed.errors()).hasSize(1);
    assertIsNow(task.runAt(), "runAt after a manual retry");
    assertThat(claimIn("a")).singleElement().extracting(TaskRecord::attempts).isEqualTo(1);
  }

  @Test
  void retry_of_a_canceled_task_requeues_it() {
    inStatus("a", TaskStatus.CANCELED);

    assertThat(store.retry(TaskId.of("a"))).isTrue();

    assertThat(get("a").status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(get("a").finishedAt()).isNull();
    assertThat(ids(claimIn("a"))).containsExactly("a");
  }

  @Test
  void retry_of_a_task_that_was_delayed_makes_it_ready_now() {
    assumeCallerClock();
    enqueue(TestTasks.newTask("a").runAt(clock.instant().plusSeconds(3600)).build());
    store.cancel(TaskId.of("a"));

    assertThat(store.retry(TaskId.of("a"))).isTrue();

    assertThat(get("a").runAt()).isEqualTo(clock.instant());
    assertThat(ids(claim(10))).containsExactly("a");
  }

  @Test
  void retry_of_a_task_that_is_not_failed_or_canceled_returns_false_and_changes_nothing() {
    for (TaskStatus status :
        new TaskStatus[] {
          TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUSPENDED, TaskStatus.SUCCEEDED
        }) {
      TaskRecord before = inStatus("t-" + status, status);

      assertThat(store.retry(before.id())).as("retry of a %s task", status).isFalse();
      assertThat(get("t-" + status)).isEqualTo(before);
    }
    assertThat(store.retry(TaskId.of("nobody"))).isFalse();
  }
}
