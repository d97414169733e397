package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.Fetch;
import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.SettleBatch;
import dev.baton.SettleBatch.Verdict;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.event.TaskListener;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pull API, {@link Baton#fetch}, on instances with no handler: a fetch waits for work and is
 * woken by an enqueue elsewhere, takes only its types and at most its count, and each leased task
 * settles the way a handler's outcome does (result, retry under the policy, failure, suspend with
 * state, release) and is refused once its lease is lost or it is settled. Tests that move time run
 * when {@link dev.baton.spi.Capabilities#callerClock()} holds. Extend it and implement {@link
 * #openStore}.
 */
public abstract class PullContract extends EngineContractSupport {
  /** A second task type on the same queue, which the pull instances here do not register. */
  protected static final TaskType<Job> OTHER = TaskType.of("other-job", Job.class);

  /**
   * A suspended task's kept state.
   *
   * @param page the next page to read
   */
  public record Progress(int page) {}

  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected PullContract() {}

  /** Stops the fetches a test left waiting in the background. */
  @AfterEach
  protected void stopBackground() {
    background.shutdownNow();
  }

  /** An instance with no workers and no handlers that knows {@link #JOB}. */
  private BatonBuilder puller() {
    return builder().workers(0).register(JOB);
  }

  private static Fetch one() {
    return Fetch.builder().types(JOB).build();
  }

  /** Fetches the one ready task, waiting for it as long as a test waits for anything. */
  private static LeasedTask fetchOne(Baton baton, Fetch.Builder fetch) {
    List<LeasedTask> tasks = baton.fetch(fetch.timeout(WAIT).build());
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  private static LeasedTask fetchOne(Baton baton) {
    return fetchOne(baton, Fetch.builder().types(JOB));
  }

  @Test
  void a_fetch_on_an_empty_queue_returns_nothing_once_its_timeout_passes() {
    Baton baton = start(puller());

    List<LeasedTask> none =
        baton.fetch(Fetch.builder().types(JOB).max(5).timeout(Duration.ofMillis(100)).build());

    assertThat(none).isEmpty();
    assertThat(baton.fetch(one())).as("a fetch without a timeout looks once").isEmpty();
  }

  @Test
  void a_waiting_fetch_is_woken_by_an_enqueue_from_another_instance() throws Exception {
    Baton puller = start(puller());
    Baton producer = start(builder().workers(0));
    Future<List<LeasedTask>> waiting =
        background.submit(() -> puller.fetch(Fetch.builder().types(JOB).timeout(WAIT).build()));

    TaskId id = producer.enqueue(JOB, new Job("woken", 1)).id();

    List<LeasedTask> fetched = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(fetched).extracting(LeasedTask::id).containsExactly(id);
    assertThat(fetched.get(0).payload(Job.class)).isEqualTo(new Job("woken", 1));
    TaskRecord running = store.get(id).orElseThrow();
    assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(running.leaseOwner()).isEqualTo(puller.nodeId());
    assertThat(running.attempts()).isEqualTo(1);
    fetched.get(0).ack();
  }

  @Test
  void an_ack_stores_the_result_and_await_listeners_and_stats_see_it() {
    List<String> events = new CopyOnWriteArrayList<>();
    TaskListener listener =
        new TaskListener() {
          @Override
          public void started(TaskRecord task) {
            events.add("started " + task.id());
          }

          @Override
          public void finished(TaskRecord task, RunEnd end, Duration ran) {
            events.add(end + " " + task.id());
          }
        };
    Baton baton = start(puller().listener(listener));
    TaskId id = baton.enqueue(JOB, new Job("a", 1)).id();
    CompletableFuture<Object> awaited =
        CompletableFuture.supplyAsync(() -> baton.task(id).await(WAIT), background);

    LeasedTask task = fetchOne(baton);
    assertThat(task.record().status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(task.leaseLost()).isFalse();
    task.ack(new Progress(7));

    assertThat(awaited.join()).isEqualTo(Map.of("page", 7));
    TaskRecord done = store.get(id).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertSameJson(done.result(), "{\"page\":7}");
    assertThat(done.attempts()).isEqualTo(1);
    assertThat(done.leaseToken()).isNull();
    assertThat(events).containsExactly("started " + id, "SUCCEEDED " + id);
    assertThat(baton.stats().succeeded()).isEqualTo(1);
  }

  @Test
  void a_retryable_failure_requeues_the_task_after_the_policy_backoff_with_the_attempt_spent() {
    assumeCallerClock();
    Baton baton = start(puller().retry(RetryPolicy.fixed(Duration.ofSeconds(10), 3)));
    TaskId id = baton.enqueue(JOB, new Job("a", 1)).id();

    fetchOne(baton).fail(new IllegalStateException("flaky"));

    TaskRecord waiting = store.get(id).orElseThrow();
    assertThat(waiting.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.runAt()).isEqualTo(clock.instant().plusSeconds(10));
    assertThat(waiting.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.message()).isEqualTo("flaky");
              assertThat(error.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
              assertThat(error.attempt()).isEqualTo(1);
            });
    assertThat(baton.fetch(one())).as("not due before the backoff").isEmpty();
    assertThat(baton.stats().retried()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    LeasedTask again = fetchOne(baton);
    assertThat(again.record().attempts()).isEqualTo(2);
    again.fail("rate limited", Duration.ofSeconds(45));

    TaskRecord later = store.get(id).orElseThrow();
    assertThat(later.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(later.attempts()).isEqualTo(2);
    assertThat(later.runAt()).isEqualTo(clock.instant().plusSeconds(45));
    assertThat(later.errors())
        .extracting(TaskError::message)
        .containsExactly("flaky", "rate limited");
  }

  @Test
  void a_retryable_failure_with_no_attempts_left_and_a_non_retryable_one_fail_the_task() {
    Baton baton = start(puller().retry(RetryPolicy.fixed(Duration.ZERO, 5)));
    TaskId spent = baton.enqueue(JOB, new Job("spent", 1), Enqueue.options().maxAttempts(1)).id();
    fetchOne(baton).fail("boom");
    assertThat(baton.task(spent).awaitDone(WAIT).status()).isEqualTo(TaskStatus.FAILED);

    TaskId refused = baton.enqueue(JOB, new Job("refused", 1)).id();
    fetchOne(baton).failPermanently("no such customer");

    TaskRecord task = baton.task(refused).awaitDone(WAIT);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.maxAttempts()).isEqualTo(6);
    assertThat(task.errors()).extracting(TaskError::message).containsExactly("no such customer");
    assertThat(baton.stats().failed()).isEqualTo(2);
  }

  @Test
  void a_suspended_task_comes_back_after_the_delay_with_its_state_and_no_attempt_spent() {
    assumeCallerClock();
    Baton baton = start(puller());
    TaskId id = baton.enqueue(JOB, new Job("pages", 1), Enqueue.options().maxAttempts(1)).id();
    LeasedTask first = fetchOne(baton);
    assertThat(first.state(Progress.class)).isEmpty();

    first.suspend(Duration.ofMinutes(1), new Progress(1));

    TaskRecord parked = store.get(id).orElseThrow();
    assertThat(parked.status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(parked.attempts()).isZero();
    assertThat(parked.runAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    assertSameJson(parked.state(), "{\"page\":1}");
    assertThat(baton.fetch(one())).as("not due before the delay").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    LeasedTask resumed = fetchOne(baton);
    assertThat(resumed.state(Progress.class)).contains(new Progress(1));
    assertThat(resumed.record().attempts()).isEqualTo(1);
    resumed.ack("read");
    assertThat(baton.task(id).await(WAIT)).isEqualTo("read");
  }

  @Test
  void extend_moves_the_lease_deadline_past_the_original_lease() {
    Baton baton = start(puller());
    TaskId id = baton.enqueue(JOB, new Job("long", 1)).id();
    LeasedTask task = fetchOne(baton, Fetch.builder().types(JOB).renewLeases(false));
    TaskRecord claimed = store.get(id).orElseThrow();

    task.extend(Duration.ofMinutes(10));

    TaskRecord extended = store.get(id).orElseThrow();
    if (capabilities().callerClock()) {
      assertThat(extended.leaseDeadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
      clock.advance(BatonBuilder.DEFAULT_LEASE);
      assertThat(store.expireLeases(10)).as("the extended lease outlives the original").isEmpty();
    } else {
      assertThat(extended.leaseDeadline())
          .isAfter(claimed.leaseDeadline().plus(Duration.ofMinutes(5)));
    }
    assertThat(extended.leaseToken()).isEqualTo(claimed.leaseToken());
    task.ack();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void a_release_gives_the_task_back_without_spending_an_attempt() {
    Baton baton = start(puller());
    TaskId id = baton.enqueue(JOB, new Job("back", 1)).id();

    fetchOne(baton).release();

    TaskRecord back = store.get(id).orElseThrow();
    assertThat(back.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(back.attempts()).isZero();
    assertThat(back.errors()).isEmpty();
    LeasedTask again = fetchOne(baton);
    assertThat(again.record().attempts()).isEqualTo(1);
    again.ack();
  }

  @Test
  void a_late_ack_after_the_lease_was_lost_is_refused_and_changes_nothing() {
    Baton baton = start(puller().lease(Duration.ofSeconds(1)).reaperPeriod(Duration.ofMillis(20)));
    TaskId id = baton.enqueue(JOB, new Job("slow", 1)).id();
    LeasedTask task = fetchOne(baton, Fetch.builder().types(JOB).renewLeases(false));

    if (capabilities().callerClock()) {
      clock.advance(Duration.ofSeconds(1));
    }
    Awaits.await()
        .alias("the reaper to take the lease back")
        .until(() -> store.get(id).orElseThrow().status() == TaskStatus.QUEUED);
    TaskRecord before = store.get(id).orElseThrow();

    assertThatThrownBy(() -> task.ack("late"))
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining(id.toString());
    assertThat(task.leaseLost()).isTrue();
    assertThatThrownBy(() -> task.fail("late")).isInstanceOf(LeaseLostException.class);

    TaskRecord after = store.get(id).orElseThrow();
    assertThat(after.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(after.result()).isNull();
    assertThat(after.attempts()).isEqualTo(before.attempts());
    assertThat(after.errors()).isEqualTo(before.errors());
    assertThat(after.lastError().exceptionClass()).isEqualTo("lease-expired");
    LeasedTask fresh = fetchOne(baton);
    fresh.ack("fresh");
    assertThat(baton.task(id).await(WAIT)).isEqualTo("fresh");
  }

  @Test
  void a_late_ack_after_another_instance_claimed_the_task_again_leaves_the_new_run_alone() {
    Baton zombie = start(puller().lease(Duration.ofSeconds(1)).reaperPeriod(Duration.ofMillis(20)));
    Baton live = start(puller());
    TaskId id = zombie.enqueue(JOB, new Job("twice", 1)).id();
    LeasedTask old = fetchOne(zombie, Fetch.builder().types(JOB).renewLeases(false));
    if (capabilities().callerClock()) {
      clock.advance(Duration.ofSeconds(1));
    }
    LeasedTask fresh = fetchOne(live);
    TaskRecord running = store.get(id).orElseThrow();
    assertThat(running.leaseOwner()).isEqualTo(live.nodeId());

    assertThatThrownBy(() -> old.ack("late")).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> old.extend(Duration.ofMinutes(1)))
        .isInstanceOf(LeaseLostException.class);

    TaskRecord still = store.get(id).orElseThrow();
    assertThat(still.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(still.leaseToken()).isEqualTo(running.leaseToken());
    assertThat(still.result()).isNull();
    fresh.ack("fresh");
    assertThat(live.task(id).await(WAIT)).isEqualTo("fresh");
  }

  @Test
  void a_task_canceled_elsewhere_is_marked_lost_by_its_renewal_and_its_ack_refused() {
    Baton baton = start(puller().lease(Duration.ofSeconds(1)).reaperPeriod(Duration.ofMillis(20)));
    Baton admin = start(builder().workers(0));
    TaskId id = baton.enqueue(JOB, new Job("canceled", 1)).id();
    LeasedTask task = fetchOne(baton);

    assertThat(admin.cancel(id)).isTrue();
    Awaits.await().alias("a renewal to be refused").until(task::leaseLost);

    assertThatThrownBy(task::ack).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> task.extend(Duration.ofMinutes(1)))
        .isInstanceOf(LeaseLostException.class);
    TaskRecord canceled = store.get(id).orElseThrow();
    assertThat(canceled.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(canceled.result()).isNull();
  }

  @Test
  void settling_twice_is_refused_and_keeps_the_first_settlement() {
    Baton baton = start(puller());
    TaskId id = baton.enqueue(JOB, new Job("once", 1)).id();
    LeasedTask task = fetchOne(baton);
    task.ack("first");

    assertThatThrownBy(() -> task.ack("second")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> task.failPermanently("no")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(task::release).isInstanceOf(IllegalStateException.class);

    TaskRecord done = store.get(id).orElseThrow();
    assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertSameJson(done.result(), "\"first\"");
  }

  /** Fetches exactly {@code n} ready tasks, in claim order. */
  private static List<LeasedTask> fetchAll(Baton baton, int n, boolean renew) {
    List<LeasedTask> tasks = new ArrayList<>();
    while (tasks.size() < n) {
      List<LeasedTask> got =
          baton.fetch(
              Fetch.builder()
                  .types(JOB)
                  .max(n - tasks.size())
                  .renewLeases(renew)
                  .timeout(WAIT)
                  .build());
      assertThat(got).as("tasks to fetch").isNotEmpty();
      tasks.addAll(got);
    }
    return tasks;
  }

  @Test
  void a_batch_settles_mixed_outcomes_at_once_as_the_single_methods_would() {
    Baton baton = start(puller().retry(RetryPolicy.fixed(Duration.ofMinutes(1), 3)));
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(baton.enqueue(JOB, new Job("mixed", i)).id());
    }
    List<LeasedTask> tasks = fetchAll(baton, 5, true);
    Map<TaskId, LeasedTask> byId = new java.util.HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    CompletableFuture<Object> awaited =
        CompletableFuture.supplyAsync(() -> baton.task(ids.get(0)).await(WAIT), background);

    List<SettleBatch.Result> results =
        baton
            .settleBatch()
            .ack(byId.get(ids.get(0)), new Progress(7))
            .fail(byId.get(ids.get(1)), "flaky")
            .failPermanently(byId.get(ids.get(2)), "no such customer")
            .suspend(byId.get(ids.get(3)), Duration.ofMinutes(1), new Progress(2))
            .release(byId.get(ids.get(4)))
            .apply();

    assertThat(results).extracting(SettleBatch.Result::id).containsExactlyElementsOf(ids);
    assertThat(results).extracting(SettleBatch.Result::verdict).containsOnly(Verdict.APPLIED);
    assertThat(results)
        .extracting(SettleBatch.Result::status)
        .containsExactly(
            TaskStatus.SUCCEEDED,
            TaskStatus.QUEUED,
            TaskStatus.FAILED,
            TaskStatus.SUSPENDED,
            TaskStatus.QUEUED);
    assertThat(awaited.join()).isEqualTo(Map.of("page", 7));
    TaskRecord retried = store.get(ids.get(1)).orElseThrow();
    assertThat(retried.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(retried.attempts()).isEqualTo(1);
    assertThat(retried.errors()).extracting(TaskError::message).containsExactly("flaky");
    TaskRecord failed = store.get(ids.get(2)).orElseThrow();
    assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(failed.errors()).extracting(TaskError::message).containsExactly("no such customer");
    TaskRecord parked = store.get(ids.get(3)).orElseThrow();
    assertThat(parked.status()).isEqualTo(TaskStatus.SUSPENDED);
    assertThat(parked.attempts()).isZero();
    assertSameJson(parked.state(), "{\"page\":2}");
    TaskRecord released = store.get(ids.get(4)).orElseThrow();
    assertThat(released.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(released.attempts()).isZero();
    assertThat(baton.stats().succeeded()).isEqualTo(1);
    assertThat(baton.stats().retried()).isEqualTo(1);
    assertThat(baton.stats().failed()).isEqualTo(1);
    assertThat(tasks)
        .allSatisfy(t -> assertThatThrownBy(t::ack).isInstanceOf(IllegalStateException.class));
    assertThat(baton.settleBatch().apply()).as("an empty batch").isEmpty();
  }

  @Test
  void a_batch_reports_a_lost_lease_and_a_double_settlement_and_applies_the_rest() {
    Baton baton = start(puller());
    Baton admin = start(builder().workers(0));
    TaskId lostId = baton.enqueue(JOB, new Job("lost", 1)).id();
    // Not renewed: only the backend's fencing can tell the batch the lease is gone.
    LeasedTask lost = fetchAll(baton, 1, false).get(0);
    TaskId keptId = baton.enqueue(JOB, new Job("kept", 1)).id();
    TaskId twiceId = baton.enqueue(JOB, new Job("twice", 1)).id();
    Map<TaskId, LeasedTask> byId = new java.util.HashMap<>();
    fetchAll(baton, 2, true).forEach(t -> byId.put(t.id(), t));
    LeasedTask kept = byId.get(keptId);
    LeasedTask twice = byId.get(twiceId);
    assertThat(admin.cancel(lostId)).isTrue();
    twice.ack("first");
    SettleBatch batch = baton.settleBatch();
    assertThatThrownBy(() -> admin.settleBatch().ack(kept))
        .as("a task of another instance")
        .isInstanceOf(IllegalArgumentException.class);

    List<SettleBatch.Result> results =
        batch.ack(lost, "late").ack(kept, "kept").ack(twice, "second").ack(kept, "again").apply();

    assertThat(results)
        .extracting(SettleBatch.Result::id, SettleBatch.Result::verdict, SettleBatch.Result::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(lostId, Verdict.LEASE_LOST, null),
            org.assertj.core.groups.Tuple.tuple(keptId, Verdict.APPLIED, TaskStatus.SUCCEEDED),
            org.assertj.core.groups.Tuple.tuple(twiceId, Verdict.ALREADY_SETTLED, null),
            org.assertj.core.groups.Tuple.tuple(keptId, Verdict.ALREADY_SETTLED, null));
    assertThat(lost.leaseLost()).isTrue();
    assertThatThrownBy(lost::ack).isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(batch::apply).isInstanceOf(IllegalStateException.class);
    TaskRecord canceled = store.get(lostId).orElseThrow();
    assertThat(canceled.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(canceled.result()).isNull();
    assertSameJson(store.get(keptId).orElseThrow().result(), "\"kept\"");
    assertSameJson(store.get(twiceId).orElseThrow().result(), "\"first\"");
    assertThat(baton.stats().succeeded()).isEqualTo(2);
  }

  @Test
  void a_task_settled_by_a_batch_and_by_its_own_method_at_once_is_settled_once() throws Exception {
    Baton baton = start(puller());
    int n = 40;
    for (int i = 0; i < n; i++) {
      baton.enqueue(JOB, new Job("race", i));
    }
    List<LeasedTask> tasks = fetchAll(baton, n, true);
    SettleBatch batch = baton.settleBatch();
    tasks.forEach(t -> batch.ack(t, "batch"));

    Future<Integer> singly =
        background.submit(
            () -> {
              int won = 0;
              for (LeasedTask t : tasks.reversed()) {
                try {
                  t.ack("single");
                  won++;
                } catch (IllegalStateException e) {
                  // the batch has it
                }
              }
              return won;
            });
    List<SettleBatch.Result> results = batch.apply();
    int bySingle = singly.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    long byBatch = results.stream().filter(r -> r.verdict() == Verdict.APPLIED).count();
    assertThat(results).extracting(SettleBatch.Result::verdict).doesNotContain(Verdict.LEASE_LOST);
    assertThat(byBatch + bySingle).isEqualTo(n);
    for (SettleBatch.Result r : results) {
      String expected = r.verdict() == Verdict.APPLIED ? "\"batch\"" : "\"single\"";
      assertSameJson(store.get(r.id()).orElseThrow().result(), expected);
    }
    assertThat(baton.stats().succeeded()).isEqualTo(n);
  }

  @Test
  void a_fetch_takes_only_its_types_and_by_default_the_types_the_instance_knows() {
    Baton baton = start(puller());
    // Enqueued elsewhere: an enqueue makes its type known to the instance that makes it.
    Baton producer = start(builder().workers(0));
    TaskId other = producer.enqueue(OTHER, new Job("other", 1)).id();
    TaskId mine = producer.enqueue(JOB, new Job("mine", 1)).id();

    List<LeasedTask> known = baton.fetch(Fetch.builder().max(10).timeout(WAIT).build());
    assertThat(known).extracting(LeasedTask::id).containsExactly(mine);
    known.get(0).ack();
    assertThat(store.get(other).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);

    List<LeasedTask> named =
        baton.fetch(Fetch.builder().queues(TestTasks.QUEUE).types(OTHER.name()).max(10).build());
    assertThat(named).extracting(LeasedTask::id).containsExactly(other);
    assertThat(named.get(0).record().type()).isEqualTo(OTHER.name());
    named.get(0).ack();
  }

  @Test
  void a_fetch_returns_at_most_its_max() {
    Baton baton = start(puller());
    for (int i = 0; i < 5; i++) {
      baton.enqueue(JOB, new Job("n" + i, i));
    }

    List<LeasedTask> first = baton.fetch(Fetch.builder().types(JOB).max(3).timeout(WAIT).build());
    List<LeasedTask> rest = baton.fetch(Fetch.builder().types(JOB).max(3).timeout(WAIT).build());

    assertThat(first).hasSize(3);
    assertThat(rest).hasSize(2);
    assertThat(baton.fetch(Fetch.builder().types(JOB).max(3).build())).isEmpty();
    first.forEach(LeasedTask::ack);
    rest.forEach(LeasedTask::ack);
    assertThat(baton.stats().succeeded()).isEqualTo(5);
  }

  @Test
  void concurrent_fetches_on_two_instances_get_each_task_once() throws Exception {
    Baton one = start(puller());
    Baton two = start(puller());
    int count = 40;
    for (int i = 0; i < count; i++) {
      one.enqueue(JOB, new Job("n" + i, i));
    }
    List<TaskId> acked = new CopyOnWriteArrayList<>();
    List<Future<?>> fetchers = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      Baton baton = f % 2 == 0 ? one : two;
      fetchers.add(
          background.submit(
              () -> {
                Fetch fetch =
                    Fetch.builder().types(JOB).max(3).timeout(Duration.ofMillis(100)).build();
                while (acked.size() < count) {
                  for (LeasedTask task : baton.fetch(fetch)) {
                    task.ack();
                    acked.add(task.id());
                  }
                }
                return null;
              }));
    }
    for (Future<?> fetcher : fetchers) {
      fetcher.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    assertThat(acked).hasSize(count).doesNotHaveDuplicates();
    assertThat(one.stats().succeeded() + two.stats().succeeded()).isEqualTo(count);
  }

  @Test
  void a_paused_queue_is_skipped_until_it_is_resumed() {
    assumeKeyValue();
    Baton baton = start(puller());
    TaskId id = baton.enqueue(JOB, new Job("held", 1)).id();
    baton.pauseQueue(TestTasks.QUEUE);

    assertThat(baton.fetch(Fetch.builder().types(JOB).timeout(Duration.ofMillis(100)).build()))
        .isEmpty();

    baton.resumeQueue(TestTasks.QUEUE);
    LeasedTask task = fetchOne(baton);
    assertThat(task.id()).isEqualTo(id);
    task.ack();
  }

  @Test
  void closing_releases_held_tasks_without_spending_an_attempt_and_later_fetches_return_nothing() {
    Baton baton = start(puller().shutdownGrace(Duration.ZERO));
    TaskId id = baton.enqueue(JOB, new Job("held", 1)).id();
    LeasedTask task = fetchOne(baton);

    baton.close();

    TaskRecord back = store.get(id).orElseThrow();
    assertThat(back.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(back.attempts()).isZero();
    assertThat(task.leaseLost()).isTrue();
    assertThatThrownBy(task::ack).isInstanceOf(LeaseLostException.class);
    assertThat(baton.fetch(one())).isEmpty();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
  }
}
