package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Enqueued;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Enqueueing through a real engine: type defaults and the options that override them, idempotent
 * ids, batches, and delays. Extend it and implement {@link #openStore}.
 */
public abstract class EnqueueContract extends EngineContractSupport {
  /** A task type with a default for everything. */
  protected static final TaskType<Job> REPORT =
      TaskType.of("report", Job.class)
          .withQueue("reports")
          .withPriority(3)
          .withTimeout(Duration.ofMinutes(2))
          .withMaxAttempts(7);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EnqueueContract() {}

  private Baton producer() {
    return start(
        builder().retry(RetryPolicy.fixed(Duration.ZERO, 4)).register(JOB).register(REPORT));
  }

  @Test
  void enqueue_applies_the_task_type_defaults() {
    TaskId id = producer().enqueue(REPORT, new Job("r", 1)).id();

    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.type()).isEqualTo("report");
    assertThat(task.queue()).isEqualTo("reports");
    assertThat(task.priority()).isEqualTo(3);
    assertThat(task.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(task.maxAttempts()).isEqualTo(7);
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  void enqueue_options_override_the_type_defaults() {
    TaskId id =
        producer()
            .enqueue(
                REPORT,
                new Job("r", 1),
                Enqueue.options()
                    .queue("urgent")
                    .priority(9)
                    .timeout(Duration.ofSeconds(5))
                    .maxAttempts(2)
                    .correlationId("flow-1")
                    .owner("bob"))
            .id();

    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.queue()).isEqualTo("urgent");
    assertThat(task.priority()).isEqualTo(9);
    assertThat(task.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(task.maxAttempts()).isEqualTo(2);
    assertThat(task.correlationId()).isEqualTo("flow-1");
    assertThat(task.owner()).isEqualTo("bob");
  }

  @Test
  void the_retry_policy_sets_the_attempt_limit_of_types_without_one() {
    TaskId id = producer().enqueue(JOB, new Job("j", 1)).id();

    assertThat(store.get(id).orElseThrow().maxAttempts()).isEqualTo(5);
  }

  @Test
  void a_second_enqueue_with_the_same_id_says_so_and_changes_nothing() {
    Baton baton = producer();
    Enqueued first = baton.enqueue(JOB, new Job("first", 1), Enqueue.options().id("order-42"));
    TaskRecord before = store.get(first.id()).orElseThrow();

    Enqueued second =
        baton.enqueue(JOB, new Job("second", 2), Enqueue.options().id("order-42").priority(9));

    assertThat(first).isEqualTo(new Enqueued(TaskId.of("order-42"), true));
    assertThat(second).isEqualTo(new Enqueued(TaskId.of("order-42"), false));
    assertThat(store.get(first.id()).orElseThrow()).isEqualTo(before);
    assertSameJson(before.payload(), "{\"name\":\"first\",\"n\":1}");
  }

  @Test
  void enqueue_all_returns_one_result_per_request_in_order() {
    Baton baton = producer();
    baton.enqueue(JOB, new Job("existing", 0), Enqueue.options().id("b"));

    List<Enqueued> results =
        baton.enqueueAll(
            List.of(
                TaskRequest.of(JOB, new Job("a", 1), Enqueue.options().id("a")),
                TaskRequest.of(JOB, new Job("b", 2), Enqueue.options().id("b")),
                TaskRequest.json(
                    REPORT.name(), "{\"name\":\"c\",\"n\":3}", Enqueue.options().id("c"))));

    assertThat(results)
        .containsExactly(
            new Enqueued(TaskId.of("a"), true),
            new Enqueued(TaskId.of("b"), false),
            new Enqueued(TaskId.of("c"), true));
    assertThat(get("c").queue()).isEqualTo("reports");
    assertSameJson(get("b").payload(), "{\"name\":\"existing\",\"n\":0}");
  }

  @Test
  void a_task_delayed_by_enqueue_runs_when_its_time_comes() {
    assumeCallerClock();
    List<Instant> startedAt = new CopyOnWriteArrayList<>();
    Baton baton = start(builder().handle(JOB, (job, ctx) -> startedAt.add(ctx.startedAt())));
    Instant due = clock.instant().plus(Duration.ofMinutes(5));
    TaskId id =
        baton
            .enqueue(JOB, new Job("later", 1), Enqueue.options().delay(Duration.ofMinutes(5)))
            .id();
    assertThat(store.get(id).orElseThrow().runAt()).isEqualTo(due);

    clock.advance(Duration.ofMinutes(5));

    assertThat(baton.task(id).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(startedAt).containsExactly(due);
  }

  @Test
  void a_task_with_a_run_at_runs_then_and_one_in_the_past_runs_at_once() {
    assumeCallerClock();
    List<String> ran = new CopyOnWriteArrayList<>();
    Baton baton = start(builder().handle(JOB, (job, ctx) -> ran.add(job.name())));
    Instant at = clock.instant().plusSeconds(90);
    TaskId later = baton.enqueue(JOB, new Job("later", 1), Enqueue.options().runAt(at)).id();
    TaskId past =
        baton
            .enqueue(
                JOB, new Job("past", 1), Enqueue.options().runAt(clock.instant().minusSeconds(90)))
            .id();

    assertThat(baton.task(past).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(ran).containsExactly("past");
    assertThat(store.get(later).orElseThrow().runAt()).isEqualTo(at);

    clock.set(at);
    assertThat(baton.task(later).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(ran).containsExactly("past", "later");
  }
}
