package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.NewTask;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reading tasks back: {@code get}, {@code list} (newest first, filters, paging, totals), {@code
 * counts}, {@code clear}, wake listeners and {@code ping}. Listing tests run when {@link
 * dev.baton.spi.Capabilities#listing()} holds. Extend it and implement {@link #openStore}.
 */
public abstract class QueryContract extends StoreContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected QueryContract() {}

  @Test
  void get_of_a_missing_task_is_empty() {
    enqueue("a");

    assertThat(store.get(TaskId.of("b"))).isEmpty();
  }

  @Test
  void get_reads_what_the_last_change_left() {
    enqueue("a");
    TaskRecord claimed = claimOne("a");
    assertThat(get("a")).isEqualTo(claimed);

    settle(new Settlement.Succeed(leaseOf(claimed), "[1,2]", Duration.ofMillis(7)));

    assertThat(get("a").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertSameJson(get("a").result(), "[1,2]");
  }

  @Test
  void list_returns_newest_first_with_the_total() {
    assumeListing();
    enqueue("a", "b", "c");

    Page<TaskRecord> page = store.list(TaskQuery.byStatus(null, 10));

    assertThat(ids(page.items())).containsExactly("c", "b", "a");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.offset()).isZero();
  }

  @Test
  void a_canceled_task_is_listed_and_exported_once_as_canceled() {
    enqueue("a", "b", "c");
    store.cancel(TaskId.of("b"));

    if (capabilities().listing()) {
      Page<TaskRecord> queued = store.list(TaskQuery.byStatus(TaskStatus.QUEUED, 10));
      assertThat(ids(queued.items())).containsExactly("c", "a");
      assertThat(queued.total()).isEqualTo(2);
      assertThat(ids(store.list(TaskQuery.byStatus(TaskStatus.CANCELED, 10)).items()))
          .containsExactly("b");
      assertThat(ids(store.list(TaskQuery.byStatus(null, 10)).items()))
          .containsExactly("c", "b", "a");
    }
    assertThat(store.scan(0, 10))
        .extracting(t -> t.id().value() + ":" + t.status())
        .containsExactly("a:QUEUED", "b:CANCELED", "c:QUEUED");
  }

  @Test
  void list_pages_through_matching_tasks() {
    assumeListing();
    for (int i = 1; i <= 7; i++) {
      enqueue("t" + i);
    }

    Page<TaskRecord> second = store.list(new TaskQuery(null, null, null, 3, 3));
    Page<TaskRecord> last = store.list(new TaskQuery(null, null, null, 6, 3));
    Page<TaskRecord> beyond = store.list(new TaskQuery(null, null, null, 10, 3));

    assertThat(ids(second.items())).containsExactly("t4", "t3", "t2");
    assertThat(second.total()).isEqualTo(7);
    assertThat(second.offset()).isEqualTo(3);
    assertThat(ids(last.items())).containsExactly("t1");
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.total()).isEqualTo(7);
  }

  @Test
  void succeeded_tasks_are_listed_and_exported_in_sequence_order_whatever_order_they_finished_in() {
    enqueue("a", "b", "c", "d");
    List<TaskRecord> running = claim(4);
    for (int i : new int[] {2, 0, 3, 1}) {
      assertThat(settle(new Settlement.Succeed(leaseOf(running.get(i)), null, Duration.ZERO)))
          .isTrue();
    }

    if (capabilities().listing()) {
      Page<TaskRecord> all = store.list(TaskQuery.byStatus(TaskStatus.SUCCEEDED, 10));
      assertThat(ids(all.items())).containsExactly("d", "c", "b", "a");
      assertThat(all.total()).isEqualTo(4);
      assertThat(ids(store.list(new TaskQuery(TaskStatus.SUCCEEDED, null, null, 1, 2)).items()))
          .containsExactly("c", "b");
    }
    assertThat(ids(store.scan(0, 10))).containsExactly("a", "b", "c", "d");
    assertThat(ids(store.scan(running.get(1).sequence(), 2))).containsExactly("c", "d");
  }

  @Test
  void list_pages_newest_first_across_every_status() {
    assumeListing();
    for (int i = 1; i <= 6; i++) {
      enqueue("t" + i);
    }
    List<TaskRecord> running = claim(4);
    assertThat(ids(running)).containsExactly("t1", "t2", "t3", "t4");
    settle(new Settlement.Succeed(leaseOf(running.get(0)), null, Duration.ZERO));
    settle(
        new Settlement.Fail(
            leaseOf(running.get(2)),
            new TaskError(clock.instant(), 1, "boom", "java.lang.IllegalStateException", ""),
            Duration.ZERO));

    Page<TaskRecord> middle = store.list(new TaskQuery(null, null, null, 1, 3));
    Page<TaskRecord> end = store.list(new TaskQuery(null, null, null, 4, 3));

    assertThat(ids(middle.items())).containsExactly("t5", "t4", "t3");
    assertThat(middle.items())
        .extracting(TaskRecord::status)
        .containsExactly(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.FAILED);
    assertThat(middle.total()).isEqualTo(6);
    assertThat(ids(end.items())).containsExactly("t2", "t1");
    assertThat(end.items())
        .extracting(TaskRecord::status)
        .containsExactly(TaskStatus.RUNNING, TaskStatus.SUCCEEDED);
  }

  @Test
  void a_filtered_list_pages_deep_into_a_long_history() {
    assumeListing();
    // 2,500 tasks, every fifth in queue "rare": deep pages of a filter reach far back.
    List<NewTask> batch = new ArrayList<>();
    for (int i = 1; i <= 2500; i++) {
      batch.add(newTask("t" + i).queue(i % 5 == 0 ? "rare" : TestTasks.QUEUE).build());
    }
    assertThat(store.enqueue(batch)).containsOnly(true);

    Page<TaskRecord> deep = store.list(new TaskQuery(TaskStatus.QUEUED, "rare", null, 480, 30));
    Page<TaskRecord> anyStatus = store.list(new TaskQuery(null, "rare", null, 495, 30));

    // The rare tasks newest first are t2500, t2495, ...: entries 480 to 499 are t100 down to t5.
    assertThat(ids(deep.items()))
        .containsExactlyElementsOf(
            IntStream.iterate(100, n -> n >= 5, n -> n - 5).mapToObj(n -> "t" + n).toList());
    assertThat(deep.total()).isEqualTo(500);
    assertThat(ids(anyStatus.items())).containsExactly("t25", "t20", "t15", "t10", "t5");
    assertThat(anyStatus.total()).isEqualTo(500);
  }

  @Test
  void list_filters_by_status_queue_and_type() {
    assumeListing();
    enqueue(newTask("a").build());
    enqueue(newTask("b").queue("q2").build());
    enqueue(newTask("c").type("other").build());
    enqueue(newTask("d").build());
    claimOne("a");

    assertThat(ids(store.list(TaskQuery.byStatus(TaskStatus.RUNNING, 10)).items()))
        .containsExactly("a");
    assertThat(ids(store.list(TaskQuery.byStatus(TaskStatus.QUEUED, 10)).items()))
        .containsExactly("d", "c", "b");
    assertThat(ids(store.list(new TaskQuery(null, "q2", null, 0, 10)).items()))
        .containsExactly("b");
    assertThat(ids(store.list(new TaskQuery(null, null, "other", 0, 10)).items()))
        .containsExactly("c");
    Page<TaskRecord> all =
        store.list(new TaskQuery(TaskStatus.QUEUED, TestTasks.QUEUE, TestTasks.TYPE, 0, 10));
    assertThat(ids(all.items())).containsExactly("d");
    assertThat(all.total()).isEqualTo(1);
    assertThat(store.list(TaskQuery.byStatus(TaskStatus.FAILED, 10)).total()).isZero();
  }

  @Test
  void counts_group_tasks_by_queue_type_and_status_and_leave_out_empty_groups() {
    assumeListing();
    assertThat(store.counts()).isEmpty();
    enqueue(newTask("a").build());
    enqueue(newTask("b").build());
    enqueue(newTask("c").build());
    enqueue(newTask("d").queue("q2").build());
    enqueue(newTask("e").type("other").build());
    TaskRecord claimed = claimOne("a");
    settle(new Settlement.Succeed(leaseOf(claimed), null, Duration.ZERO));
    claimOne("b");

    assertThat(store.counts())
        .containsExactlyInAnyOrder(
            new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.SUCCEEDED, 1),
            new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.RUNNING, 1),
            new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 1),
            new QueueCount("q2", TestTasks.TYPE, TaskStatus.QUEUED, 1),
            new QueueCount(TestTasks.QUEUE, "other", TaskStatus.QUEUED, 1));

    claimOne("c");
    assertThat(store.counts())
        .as("no group with a count of zero")
        .noneMatch(count -> count.count() == 0)
        .doesNotContain(new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 0))
        .contains(new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.RUNNING, 2));
  }

  @Test
  void counts_tell_ready_tasks_from_scheduled_ones_by_the_store_clock() {
    assumeListing();
    Instant now = capabilities().callerClock() ? clock.instant() : Instant.now();
    enqueue(newTask("retried").priority(9).build());
    settle(
        new Settlement.Retry(
            leaseOf(claimOne("retried")),
            Duration.ofHours(1),
            new TaskError(now, 1, "boom", "java.lang.IllegalStateException", ""),
            Duration.ZERO));
    enqueue(newTask("suspended").priority(9).build());
    settle(
        new Settlement.Suspend(
            leaseOf(claimOne("suspended")), Duration.ofHours(1), null, Duration.ZERO));
    enqueue(newTask("due").build());
    enqueue(newTask("past").runAt(now.minus(Duration.ofMinutes(1))).build());
    enqueue(newTask("later").runAt(now.plus(Duration.ofHours(1))).build());
    enqueue(newTask("later-urgent").priority(5).runAt(now.plus(Duration.ofHours(2))).build());
    enqueue(newTask("elsewhere").queue("q2").runAt(now.plus(Duration.ofHours(1))).build());

    List<QueueCount> counts = store.counts();
    assertThat(counts)
        .as(
            "QUEUED counts every waiting task; scheduled those not due; a suspended task is neither")
        .containsExactlyInAnyOrder(
            new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 5, 3),
            new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.SUSPENDED, 1, 0),
            new QueueCount("q2", TestTasks.TYPE, TaskStatus.QUEUED, 1, 1));
    assertThat(counts)
        .filteredOn(c -> c.queue().equals(TestTasks.QUEUE) && c.status() == TaskStatus.QUEUED)
        .singleElement()
        .extracting(QueueCount::ready)
        .isEqualTo(2L);

    if (capabilities().callerClock()) {
      clock.advance(Duration.ofMinutes(90));
      assertThat(store.counts())
          .as("tasks that came due are ready, without a claim having moved them")
          .contains(
              new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 5, 1),
              new QueueCount("q2", TestTasks.TYPE, TaskStatus.QUEUED, 1, 0));
    }
  }

  @Test
  void clear_deletes_every_task_and_frees_their_ids() {
    enqueue("a", "b");
    claimOne("a");

    store.clear();

    assertThat(store.get(TaskId.of("a"))).isEmpty();
    assertThat(store.get(TaskId.of("b"))).isEmpty();
    assertThat(claim(10)).isEmpty();
    if (capabilities().listing()) {
      assertThat(store.counts()).isEmpty();
      assertThat(store.list(TaskQuery.byStatus(null, 10)).total()).isZero();
    }
    assertThat(store.enqueue(List.of(newTask("a").build()))).containsExactly(true);
    assertThat(ids(claim(10))).containsExactly("a");
  }

  @Test
  void clear_keeps_key_value_entries() {
    assumeKeyValue();
    store.kv().set("kept", "\"yes\"", null);
    enqueue("a");

    store.clear();

    assertThat(store.kv().get("kept")).contains("\"yes\"");
  }

  @Test
  void wake_listeners_hear_enqueues_retries_and_requeues() {
    AtomicInteger wakes = new AtomicInteger();
    store.addWakeListener(wakes::incrementAndGet);

    enqueue("a");
    Awaits.await()
        .untilAsserted(() -> assertThat(wakes.get()).as("wakes after enqueue").isPositive());

    int beforeRelease = wakes.get();
    settle(new Settlement.Release(leaseOf(claimOne("a")), Duration.ZERO));
    Awaits.await()
        .untilAsserted(
            () -> assertThat(wakes.get()).as("wakes after release").isGreaterThan(beforeRelease));

    store.cancel(TaskId.of("a"));
    int beforeRetry = wakes.get();
    store.retry(TaskId.of("a"));
    Awaits.await()
        .untilAsserted(
            () -> assertThat(wakes.get()).as("wakes after retry").isGreaterThan(beforeRetry));
  }

  @Test
  void ping_answers_on_a_healthy_store() {
    assertThatCode(store::ping).doesNotThrowAnyException();
  }
}
