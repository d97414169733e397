package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Claim;
import dev.baton.spi.QueueCount;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The queue half of {@link dev.baton.spi.TaskStore}: enqueue, idempotent ids, claim order, delays,
 * claim filters and limits, and {@code nextRunAt}. Extend it and implement {@link #openStore}.
 */
public abstract class QueueContract extends StoreContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected QueueContract() {}

  @Test
  void enqueued_task_is_queued_with_every_field_as_given() {
    enqueue(
        newTask("a")
            .type("mail")
            .queue("q1")
            .payload("{\"to\":\"x@y.z\",\"n\":[1,2]}")
            .priority(7)
            .maxAttempts(4)
            .retryPolicy("fixed delay=PT1H retries=3")
            .timeout(Duration.ofSeconds(9))
            .correlationId("corr")
            .owner("alice")
            .scheduleId("nightly")
            .build());

    TaskRecord task = get("a");
    assertThat(task.type()).isEqualTo("mail");
    assertThat(task.queue()).isEqualTo("q1");
    assertSameJson(task.payload(), "{\"to\":\"x@y.z\",\"n\":[1,2]}");
    assertThat(task.priority()).isEqualTo(7);
    assertThat(task.maxAttempts()).isEqualTo(4);
    assertThat(task.retryPolicy()).isEqualTo("fixed delay=PT1H retries=3");
    assertThat(task.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(task.correlationId()).isEqualTo("corr");
    assertThat(task.owner()).isEqualTo("alice");
    assertThat(task.scheduleId()).isEqualTo("nightly");
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.attempts()).isZero();
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseToken()).isNull();
    assertThat(task.leaseDeadline()).isNull();
    assertThat(task.state()).isNull();
    assertThat(task.result()).isNull();
    assertThat(task.errors()).isEmpty();
    assertThat(task.executionTime()).isEqualTo(Duration.ZERO);
    assertThat(task.startedAt()).isNull();
    assertThat(task.finishedAt()).isNull();
    assertIsNow(task.runAt(), "runAt of a task enqueued without one");
    assertIsNow(task.createdAt(), "createdAt");
    assertIsNow(task.updatedAt(), "updatedAt");
  }

  @Test
  void a_batch_keeps_each_tasks_retry_policy_or_its_absence() {
    String exponential = "exponential initial=PT1S multiplier=2.0 max=PT5M retries=5 jitter=0.1";
    store.enqueue(
        List.of(
            newTask("a").retryPolicy("fixed delay=PT1H retries=3").build(),
            newTask("b").build(),
            newTask("c").retryPolicy(exponential).build()));

    assertThat(get("a").retryPolicy()).isEqualTo("fixed delay=PT1H retries=3");
    assertThat(get("b").retryPolicy()).isNull();
    assertThat(get("c").retryPolicy()).isEqualTo(exponential);
  }

  @Test
  void claim_makes_the_task_running_with_an_attempt_a_lease_and_a_start_time() {
    enqueue("a");
    Claim claim = claimOf(10, Duration.ofSeconds(42));

    List<TaskRecord> claimed = store.claim(claim);

    assertThat(claimed).hasSize(1);
    for (TaskRecord task : List.of(claimed.get(0), get("a"))) {
      assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(task.attempts()).isEqualTo(1);
      assertThat(task.leaseOwner()).isEqualTo(OWNER);
      assertThat(task.leaseToken()).isEqualTo(claim.token());
      assertIsNow(task.startedAt(), "startedAt");
      if (capabilities().callerClock()) {
        assertThat(task.leaseDeadline()).isEqualTo(clock.instant().plusSeconds(42));
      } else {
        assertThat(task.leaseDeadline()).isAfter(task.startedAt());
      }
      assertSameJson(task.payload(), TestTasks.PAYLOAD);
    }
  }

  @Test
  void claim_on_an_empty_store_returns_nothing() {
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void higher_priority_is_claimed_first() {
    enqueue(newTask("low").priority(0).build());
    enqueue(newTask("top").priority(10).build());
    enqueue(newTask("mid").priority(5).build());

    assertThat(ids(claim(10))).containsExactly("top", "mid", "low");
  }

  @Test
  void equal_priority_is_claimed_by_earliest_run_at() {
    Instant now = clock.instant();
    enqueue(newTask("late").runAt(now.minusSeconds(1)).build());
    enqueue(newTask("early").runAt(now.minusSeconds(3)).build());
    enqueue(newTask("middle").runAt(now.minusSeconds(2)).build());

    assertThat(ids(claim(10))).containsExactly("early", "middle", "late");
  }

  @Test
  void delayed_tasks_that_came_due_are_claimed_in_order_with_the_ready_ones() {
    assumeCallerClock();
    Instant now = clock.instant();
    enqueue(newTask("ready-low").priority(1).runAt(now.minusSeconds(1)).build());
    enqueue(newTask("due-low-late").priority(1).runAt(now.plusSeconds(2)).build());
    enqueue(newTask("due-high").priority(8).runAt(now.plusSeconds(3)).build());
    enqueue(newTask("due-low-early").priority(1).runAt(now.plusSeconds(1)).build());
    enqueue(newTask("ready-high").priority(8).runAt(now.minusSeconds(2)).build());
    enqueue(newTask("not-yet").priority(10).runAt(now.plusSeconds(60)).build());

    clock.advance(Duration.ofSeconds(5));

    assertThat(ids(claim(2))).containsExactly("ready-high", "due-high");
    assertThat(ids(claim(10))).containsExactly("ready-low", "due-low-early", "due-low-late");
  }

  @Test
  void equal_priority_and_run_at_are_claimed_in_enqueue_order() {
    Instant at = clock.instant().minusSeconds(5);
    List<String> order = List.of("e", "b", "d", "a", "c");
    order.forEach(id -> enqueue(newTask(id).runAt(at).build()));

    assertThat(ids(claim(10))).containsExactlyElementsOf(order);
    assertThat(order.stream().map(id -> get(id).sequence()).toList()).isSorted();
  }

  @Test
  void order_holds_across_the_queues_and_types_of_one_claim() {
    Instant now = clock.instant();
    enqueue(
        newTask("q2-low").queue("q2").type("other").priority(1).runAt(now.minusSeconds(9)).build());
    enqueue(newTask("q1-high").priority(9).runAt(now.minusSeconds(1)).build());
    enqueue(newTask("q2-high").queue("q2").priority(9).runAt(now.minusSeconds(2)).build());
    enqueue(newTask("q1-low").type("other").priority(1).runAt(now.minusSeconds(9)).build());

    List<TaskRecord> claimed =
        store.claim(
            claimOf(
                OWNER, Set.of(TestTasks.QUEUE, "q2"), Set.of(TestTasks.TYPE, "other"), 10, LEASE));

    assertThat(ids(claimed)).containsExactly("q2-high", "q1-high", "q2-low", "q1-low");
  }

  @Test
  void a_future_run_at_is_claimable_exactly_when_the_clock_reaches_it_and_never_earlier() {
    assumeCallerClock();
    Instant due = clock.instant().plusSeconds(10);
    enqueue(newTask("later").runAt(due).build());

    assertThat(claim(10)).isEmpty();
    clock.advance(Duration.ofMillis(9_999));
    assertThat(claim(10)).isEmpty();
    assertThat(get("later").status()).isEqualTo(TaskStatus.QUEUED);
    clock.advance(Duration.ofMillis(1));
    assertThat(ids(claim(10))).containsExactly("later");
  }

  @Test
  void a_delayed_task_does_not_hold_back_ready_tasks_of_lower_priority() {
    assumeCallerClock();
    enqueue(newTask("delayed").priority(10).runAt(clock.instant().plusSeconds(60)).build());
    enqueue(newTask("ready").priority(0).build());

    assertThat(ids(claim(10))).containsExactly("ready");
  }

  @Test
  void a_past_run_at_is_ready_at_once() {
    enqueue(newTask("overdue").runAt(clock.instant().minus(Duration.ofDays(400))).build());

    assertThat(ids(claim(10))).containsExactly("overdue");
  }

  @Test
  void next_run_at_is_the_earliest_run_at_of_waiting_tasks_ready_or_not() {
    assumeCallerClock();
    Set<String> queues = Set.of(TestTasks.QUEUE);
    Set<String> types = Set.of(TestTasks.TYPE);
    Instant now = clock.instant();
    assertThat(store.nextRunAt(queues, types)).isEmpty();

    enqueue(newTask("in-20").runAt(now.plusSeconds(20)).build());
    enqueue(newTask("in-10").runAt(now.plusSeconds(10)).build());
    assertThat(store.nextRunAt(queues, types)).contains(now.plusSeconds(10));

    enqueue(newTask("ready-high").priority(9).runAt(now.minusSeconds(1)).build());
    enqueue(newTask("ready-low").priority(0).runAt(now.minusSeconds(5)).build());
    assertThat(store.nextRunAt(queues, types)).contains(now.minusSeconds(5));

    assertThat(ids(claim(2))).containsExactly("ready-high", "ready-low");
    assertThat(store.nextRunAt(queues, types))
        .as("running tasks are not waiting")
        .contains(now.plusSeconds(10));
  }

  @Test
  void next_run_at_looks_only_at_the_given_queues_and_types() {
    assumeCallerClock();
    Instant now = clock.instant();
    enqueue(newTask("other-queue").queue("q2").runAt(now.plusSeconds(1)).build());
    enqueue(newTask("other-type").type("other").runAt(now.plusSeconds(2)).build());
    enqueue(newTask("mine").runAt(now.plusSeconds(3)).build());

    assertThat(store.nextRunAt(Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE)))
        .contains(now.plusSeconds(3));
    assertThat(store.nextRunAt(Set.of("q2"), Set.of(TestTasks.TYPE))).contains(now.plusSeconds(1));
    assertThat(store.nextRunAt(Set.of("nowhere"), Set.of(TestTasks.TYPE))).isEmpty();
  }

  @Test
  void enqueue_with_an_existing_id_returns_false_and_changes_nothing() {
    enqueue(newTask("a").priority(1).build());
    TaskRecord before = get("a");

    List<Boolean> again =
        store.enqueue(List.of(newTask("a").priority(9).payload("{\"n\":2}").build()));

    assertThat(again).containsExactly(false);
    assertThat(get("a")).isEqualTo(before);
  }

  @Test
  void enqueue_with_the_id_of_a_running_or_succeeded_task_changes_nothing() {
    enqueue("a");
    TaskRecord claimed = claimOne("a");
    TaskRecord running = get("a");
    assertThat(store.enqueue(List.of(newTask("a").payload("{\"n\":2}").build())))
        .containsExactly(false);
    assertThat(get("a")).isEqualTo(running);
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running.leaseToken()).isEqualTo(claimed.leaseToken());

    assertThat(settle(new Settlement.Succeed(leaseOf(claimed), "1", Duration.ZERO))).isTrue();
    TaskRecord done = get("a");
    assertThat(store.enqueue(List.of(newTask("a").build()))).containsExactly(false);
    assertThat(get("a")).isEqualTo(done);
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void batch_enqueue_returns_one_flag_per_task_in_order() {
    enqueue("b");

    List<Boolean> created =
        store.enqueue(List.of(newTask("a").build(), newTask("b").build(), newTask("c").build()));

    assertThat(created).containsExactly(true, false, true);
    assertThat(ids(claim(10))).containsExactly("b", "a", "c");
  }

  @Test
  void an_id_repeated_within_one_batch_is_inserted_once() {
    List<Boolean> created =
        store.enqueue(List.of(newTask("a").priority(1).build(), newTask("a").priority(2).build()));

    assertThat(created).containsExactly(true, false);
    assertThat(get("a").priority()).isEqualTo(1);
    assertThat(claim(10)).hasSize(1);
  }

  @Test
  void claim_takes_only_from_the_requested_queues() {
    enqueue(newTask("mine").build());
    enqueue(newTask("theirs").queue("elsewhere").build());

    assertThat(ids(claim(10))).containsExactly("mine");
    assertThat(get("theirs").status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void a_type_not_in_the_claim_stays_queued_and_visible() {
    enqueue(newTask("unknown").type("not-here").priority(10).build());
    enqueue(newTask("known").build());

    assertThat(ids(claim(10))).containsExactly("known");

    TaskRecord left = get("unknown");
    assertThat(left.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(left.attempts()).isZero();
    if (capabilities().listing()) {
      assertThat(store.counts())
          .contains(new QueueCount(TestTasks.QUEUE, "not-here", TaskStatus.QUEUED, 1));
    }
  }

  @Test
  void claim_returns_at_most_its_limit() {
    enqueue("a", "b", "c", "d", "e");

    assertThat(ids(claim(2))).containsExactly("a", "b");
    assertThat(ids(claim(10))).containsExactly("c", "d", "e");
  }

  @Test
  void a_claimed_task_is_not_claimed_again() {
    enqueue("a", "b");
    assertThat(claim(10)).hasSize(2);

    assertThat(claim(10)).isEmpty();
    assertThat(
            store.claim(
                claimOf("node-b", Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), 10, LEASE)))
        .isEmpty();
    assertThat(get("a").leaseOwner()).isEqualTo(OWNER);
  }
}
