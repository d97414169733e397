package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.KvEntry;
import dev.baton.spi.Page;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Export and import, what {@code baton migrate} is made of: {@link dev.baton.spi.TaskStore#scan},
 * {@link dev.baton.spi.TaskStore#restore} and {@link dev.baton.spi.KvStore#scan}. Records come in
 * whole, running ones arrive queued, existing ids are skipped so a migration can run again, and
 * scans page through everything in a stable order. Extend it and implement {@link #openStore}.
 */
public abstract class MigrationContract extends StoreContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected MigrationContract() {}

  /** A moment well before the test's clock, whole microseconds, as every backend stores time. */
  private Instant past(long seconds) {
    return clock.instant().minusSeconds(seconds);
  }

  private TaskRecord record(String id, TaskStatus status, Instant runAt) {
    Instant created = past(3_600);
    boolean terminal = status.isTerminal();
    boolean running = status == TaskStatus.RUNNING;
    return TaskRecord.builder()
        .id(TaskId.of(id))
        .type(TestTasks.TYPE)
        .queue(TestTasks.QUEUE)
        .payload("{\"id\":\"" + id + "\"}")
        .priority(4)
        .runAt(runAt)
        .status(status)
        .attempts(status == TaskStatus.QUEUED ? 0 : 2)
        .maxAttempts(5)
        // One record as stored before policies were stored with tasks.
        .retryPolicy(status == TaskStatus.SUSPENDED ? null : "fixed delay=PT1H retries=4")
        .timeout(Duration.ofSeconds(90))
        .leaseOwner(running ? "old-node" : null)
        .leaseToken(running ? "old-token" : null)
        .leaseDeadline(running ? past(-60) : null)
        .state("{\"step\":3}")
        .result(status == TaskStatus.SUCCEEDED ? "{\"ok\":true}" : null)
        .errors(
            status == TaskStatus.QUEUED
                ? List.of()
                : List.of(
                    new TaskError(
                        past(1_800),
                        1,
                        "boom ü",
                        "java.io.IOException",
                        "java.io.IOException: boom\n\tat x.y(Z.java:1)")))
        .executionTime(Duration.ofMillis(1_234))
        .correlationId("corr-" + id)
        .owner("owner-" + id)
        .scheduleId(null)
        .createdAt(created)
        .startedAt(status == TaskStatus.QUEUED ? null : past(1_700))
        .finishedAt(terminal ? past(1_600) : null)
        .updatedAt(past(1_500))
        .sequence(999)
        .build();
  }

  /** Every field but the sequence, which is the target's own. */
  private static void assertSameExceptSequence(TaskRecord actual, TaskRecord expected) {
    assertThat(actual).usingRecursiveComparison().ignoringFields("sequence").isEqualTo(expected);
  }

  @Test
  void scan_pages_through_every_task_in_sequence_order_whatever_its_status() {
    enqueue("a", "b", "c", "d", "e");
    claimOne("a");
    store.cancel(TaskId.of("b"));

    List<TaskRecord> first = store.scan(0, 2);
    List<TaskRecord> second = store.scan(first.get(1).sequence(), 2);
    List<TaskRecord> third = store.scan(second.get(1).sequence(), 2);

    assertThat(ids(first)).containsExactly("a", "b");
    assertThat(ids(second)).containsExactly("c", "d");
    assertThat(ids(third)).containsExactly("e");
    assertThat(first)
        .extracting(TaskRecord::status)
        .containsExactly(TaskStatus.RUNNING, TaskStatus.CANCELED);
    assertThat(store.scan(third.get(0).sequence(), 2)).isEmpty();
  }

  @Test
  void scan_refuses_a_limit_below_one() {
    assertThatThrownBy(() -> store.scan(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restore_keeps_every_field_of_finished_and_waiting_records() {
    List<TaskRecord> records =
        List.of(
            record("done", TaskStatus.SUCCEEDED, past(1_700)),
            record("broken", TaskStatus.FAILED, past(1_700)),
            record("stopped", TaskStatus.CANCELED, past(1_700)),
            record("later", TaskStatus.QUEUED, past(-3_600)),
            record("paused", TaskStatus.SUSPENDED, past(-60)));

    assertThat(store.restore(records)).containsExactly(true, true, true, true, true);

    for (TaskRecord expected : records) {
      assertSameExceptSequence(get(expected.id().value()), expected);
    }
  }

  @Test
  void restore_keeps_the_given_order_in_the_stores_own_sequence() {
    enqueue("first");

    store.restore(
        List.of(
            record("z", TaskStatus.SUCCEEDED, past(1_700)),
            record("m", TaskStatus.QUEUED, past(-3_600)),
            record("a", TaskStatus.FAILED, past(1_700))));

    List<TaskRecord> all = store.scan(0, 10);
    assertThat(ids(all)).containsExactly("first", "z", "m", "a");
    assertThat(all).extracting(TaskRecord::sequence).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void a_running_record_arrives_queued_without_its_old_lease_and_with_its_attempts() {
    TaskRecord running = record("busy", TaskStatus.RUNNING, past(1_700));

    store.restore(List.of(running));

    TaskRecord restored = get("busy");
    assertThat(restored.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(restored.leaseOwner()).isNull();
    assertThat(restored.leaseToken()).isNull();
    assertThat(restored.leaseDeadline()).isNull();
    assertThat(restored.attempts()).isEqualTo(2);
    assertThat(restored.errors()).isEqualTo(running.errors());
    TaskRecord claimed = claimOne("busy");
    assertThat(claimed.attempts()).isEqualTo(3);
  }

  @Test
  void restored_waiting_tasks_run_when_due_and_not_before() {
    store.restore(
        List.of(
            record("due", TaskStatus.QUEUED, past(10)),
            record("later", TaskStatus.QUEUED, past(-60))));

    assertThat(ids(claim(10))).containsExactly("due");
    clock.advance(Duration.ofSeconds(60));
    assertThat(ids(claim(10))).containsExactly("later");
  }

  @Test
  void restore_skips_ids_that_exist_so_a_migration_can_run_again() {
    enqueue("here");
    TaskRecord copy = record("here", TaskStatus.SUCCEEDED, past(1_700));
    TaskRecord fresh = record("new", TaskStatus.SUCCEEDED, past(1_700));

    assertThat(store.restore(List.of(copy, fresh))).containsExactly(false, true);
    assertThat(store.restore(List.of(copy, fresh))).containsExactly(false, false);

    assertThat(get("here").status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(store.scan(0, 10)).hasSize(2);
  }

  @Test
  void restored_tasks_follow_the_state_machine_from_where_they_were() {
    store.restore(
        List.of(
            record("broken", TaskStatus.FAILED, past(1_700)),
            record("done", TaskStatus.SUCCEEDED, past(1_700))));

    assertThat(store.retry(TaskId.of("broken"))).isTrue();
    assertThat(store.retry(TaskId.of("done"))).isFalse();
    assertThat(claimOne("broken").errors()).hasSize(1);
    assertThat(store.purge(clock.instant(), 10)).isEqualTo(1);
    assertThat(store.get(TaskId.of("done"))).isEmpty();
  }

  @Test
  void restoring_a_ready_task_wakes_listeners() {
    AtomicInteger wakes = new AtomicInteger();
    store.addWakeListener(wakes::incrementAndGet);

    store.restore(List.of(record("done", TaskStatus.SUCCEEDED, past(1_700))));
    int afterFinished = wakes.get();
    store.restore(List.of(record("due", TaskStatus.QUEUED, past(10))));

    assertThat(wakes.get()).isGreaterThan(afterFinished);
  }

  @Test
  void kv_scan_pages_through_live_entries_in_key_order_with_their_expiry() {
    assumeKeyValue();
    assumeCallerClock();
    Instant expiry = clock.instant().plus(Duration.ofHours(1));
    store.kv().set("b", "2", expiry);
    store.kv().set("a", "1", null);
    store.kv().set("d", "4", null);
    store.kv().set("c", "3", clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    List<KvEntry> first = store.kv().scan(null, 2);
    List<KvEntry> rest = new ArrayList<>(store.kv().scan(first.get(1).key(), 2));

    assertThat(first).containsExactly(new KvEntry("a", "1", null), new KvEntry("b", "2", expiry));
    assertThat(rest).containsExactly(new KvEntry("d", "4", null));
    assertThat(store.kv().scan("d", 2)).isEmpty();
    assertThatThrownBy(() -> store.kv().scan(null, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A copy of a finished record that finished at another instant. */
  private static TaskRecord finishedAt(TaskRecord r, Instant at) {
    return r.toBuilder().finishedAt(at).build();
  }

  @Test
  void a_restored_task_purged_and_its_id_succeeded_again_is_listed_and_exported_once() {
    // x is restored before y but finished after it: purging y leaves x, then y comes back.
    store.restore(
        List.of(
            finishedAt(record("x", TaskStatus.SUCCEEDED, past(7_200)), past(60)),
            finishedAt(record("y", TaskStatus.SUCCEEDED, past(7_200)), past(3_000))));
    assertThat(store.purge(past(1_000), 10)).isEqualTo(1);
    assertThat(store.get(TaskId.of("y"))).isEmpty();

    enqueue("y");
    assertThat(settle(new Settlement.Succeed(leaseOf(claimOne("y")), null, Duration.ZERO)))
        .isTrue();

    if (capabilities().listing()) {
      Page<TaskRecord> succeeded = store.list(TaskQuery.byStatus(TaskStatus.SUCCEEDED, 10));
      assertThat(ids(succeeded.items())).containsExactly("y", "x");
      assertThat(succeeded.total()).isEqualTo(2);
    }
    assertThat(ids(store.scan(0, 10))).containsExactly("x", "y");
  }
}
