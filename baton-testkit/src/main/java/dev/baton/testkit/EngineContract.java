package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.AwaitTimeoutException;
import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Outcome;
import dev.baton.TaskError;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real engine on the store under test, the everyday path: handler results and {@code await}, the
 * run context, manual retry, and the key-value store from a handler. How failures and other
 * outcomes are stored is in {@link EngineOutcomeContract}. Extend it and implement {@link
 * #openStore}.
 */
public abstract class EngineContract extends EngineContractSupport {
  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineContract() {}

  @Test
  void a_handler_result_is_stored_and_returned_by_await() {
    TaskHandler<Job> greet = (job, ctx) -> Map.of("greeting", "hi " + job.name(), "n", job.n() * 2);
    Baton baton = start(builder().handle(JOB, greet));

    TaskId id = baton.enqueue(JOB, new Job("ada", 21)).id();

    assertThat(baton.task(id).await(WAIT)).isEqualTo(Map.of("greeting", "hi ada", "n", 42));
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.attempts()).isEqualTo(1);
    assertSameJson(task.result(), "{\"greeting\":\"hi ada\",\"n\":42}");
    assertSameJson(task.payload(), "{\"name\":\"ada\",\"n\":21}");
    assertThat(task.finishedAt()).isNotNull();
    assertThat(task.startedAt()).isNotNull();
    assertThat(task.leaseToken()).isNull();
  }

  @Test
  void a_handler_with_no_result_succeeds_with_none() {
    Baton baton = start(builder().handle(JOB, (job, ctx) -> null));

    TaskId id = baton.enqueue(JOB, new Job("quiet", 1)).id();

    assertThat(baton.task(id).await(WAIT)).isNull();
    assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void a_handler_sees_its_payload_and_run_context() {
    List<String> seen = new CopyOnWriteArrayList<>();
    TaskHandler<Job> record =
        (job, ctx) -> {
          seen.add(
              String.join(
                  "/",
                  job.name(),
                  ctx.taskId().value(),
                  ctx.type(),
                  String.valueOf(ctx.attempt()),
                  String.valueOf(ctx.maxAttempts()),
                  ctx.correlationId().orElse("-"),
                  ctx.scheduleId().orElse("-")));
          return ctx.startedAt().toString();
        };
    Baton baton = start(builder().handle(JOB, record));
    Enqueue options = Enqueue.options().id("ctx-1").maxAttempts(4).correlationId("flow-9");

    TaskId id = baton.enqueue(JOB, new Job("x", 1), options).id();

    Object startedAt = baton.task(id).await(WAIT);
    assertThat(seen).containsExactly("x/ctx-1/job/1/4/flow-9/-");
    assertThat(startedAt).isEqualTo(store.get(id).orElseThrow().startedAt().toString());
  }

  @Test
  void await_gives_up_after_its_timeout_while_the_task_runs() {
    CountDownLatch gate = gate();
    TaskHandler<Job> blocking =
        (job, ctx) -> {
          gate.await();
          return null;
        };
    Baton baton = start(builder().handle(JOB, blocking));
    TaskId id = baton.enqueue(JOB, new Job("slow", 1)).id();
    awaitStatus(id, TaskStatus.RUNNING);

    assertThatThrownBy(() -> baton.task(id).await(Duration.ofMillis(50)))
        .isInstanceOf(AwaitTimeoutException.class)
        .hasMessageContaining(id.value());
  }

  @Test
  void a_manual_retry_runs_a_failed_task_again_with_fresh_attempts() {
    AtomicInteger runs = new AtomicInteger();
    TaskHandler<Job> failOnce =
        (job, ctx) -> runs.incrementAndGet() == 1 ? Outcome.fail("upstream down") : "recovered";
    Baton baton = start(builder().handle(JOB, failOnce));
    TaskId id = baton.enqueue(JOB, new Job("x", 1)).id();
    assertThat(baton.task(id).awaitDone(WAIT).status()).isEqualTo(TaskStatus.FAILED);

    assertThat(baton.retry(id)).isTrue();

    assertThat(baton.task(id).await(WAIT)).isEqualTo("recovered");
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.errors()).extracting(TaskError::message).containsExactly("upstream down");
    assertThat(baton.retry(id)).as("a succeeded task cannot be retried").isFalse();
  }

  @Test
  void the_key_value_store_is_reachable_from_a_handler() {
    assumeKeyValue();
    TaskHandler<Job> useKv =
        (job, ctx) -> {
          String cookie = ctx.store().get("cookie", String.class).orElse("none");
          ctx.store().set("seen:" + job.name(), job.n());
          return cookie;
        };
    Baton baton = start(builder().handle(JOB, useKv));
    baton.store().set("cookie", "sess=42", Duration.ofHours(1));

    TaskId id = baton.enqueue(JOB, new Job("x", 7)).id();

    assertThat(baton.task(id).await(WAIT)).isEqualTo("sess=42");
    assertThat(baton.store().get("seen:x", Integer.class)).contains(7);
    assertThat(store.kv().keys("seen:")).containsExactly("seen:x");
  }
}
