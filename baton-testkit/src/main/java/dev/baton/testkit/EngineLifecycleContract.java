package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskError;
import dev.baton.TaskFailedException;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.TaskStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real engine's life around its handlers: timeouts, cancels of running tasks, graceful shutdown.
 * Timeouts use short real time limits; nothing sleeps. Extend it and implement {@link #openStore}.
 */
public abstract class EngineLifecycleContract extends EngineContractSupport {
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineLifecycleContract() {}

  /** A handler that blocks until its gate opens, noting when it starts and when interrupted. */
  private TaskHandler<Job> blocking(CountDownLatch gate) {
    return (job, ctx) -> {
      started.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return "finished " + job.name();
    };
  }

  @Test
  void a_per_task_timeout_interrupts_the_handler_and_fails_the_attempt_saying_after_how_long() {
    Baton baton = start(builder().retry(RetryPolicy.none()).handle(JOB, blocking(gate())));

    TaskId id =
        baton
            .enqueue(JOB, new Job("slow", 1), Enqueue.options().timeout(Duration.ofMillis(200)))
            .id();

    TaskRecord task = baton.task(id).awaitDone(WAIT);
    Awaits.await(interrupted, "the handler to be interrupted");
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.timeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(task.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.message()).contains("timed out").contains("200 ms");
              assertThat(error.attempt()).isEqualTo(1);
            });
  }

  @Test
  void a_per_type_timeout_counts_as_a_failed_attempt_that_is_retried() {
    TaskType<Job> slow = TaskType.of("slow-job", Job.class).withTimeout(Duration.ofMillis(200));
    Baton baton =
        start(builder().retry(RetryPolicy.fixed(Duration.ZERO, 1)).handle(slow, blocking(gate())));

    TaskId id = baton.enqueue(slow, new Job("slow", 1)).id();

    TaskRecord task = baton.task(id).awaitDone(WAIT);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.errors())
        .hasSize(2)
        .allSatisfy(error -> assertThat(error.message()).contains("timed out").contains("200 ms"));
    assertThat(task.errors()).extracting(TaskError::attempt).containsExactly(1, 2);
  }

  @Test
  void a_handler_that_ends_within_its_timeout_succeeds() {
    Baton baton = start(builder().handle(JOB, (job, ctx) -> "quick"));

    TaskId id =
        baton
            .enqueue(JOB, new Job("fast", 1), Enqueue.options().timeout(Duration.ofSeconds(10)))
            .id();

    assertThat(baton.task(id).await(WAIT)).isEqualTo("quick");
  }

  @Test
  void cancel_of_a_running_task_interrupts_its_handler_and_discards_its_outcome() {
    Baton baton = start(builder().handle(JOB, blocking(gate())));
    TaskId id = baton.enqueue(JOB, new Job("long", 1)).id();
    Awaits.await(started, "the handler to start");

    assertThat(baton.cancel(id)).isTrue();

    Awaits.await(interrupted, "the handler to be interrupted");
    assertThatThrownBy(() -> baton.task(id).await(WAIT))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("canceled");
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(task.result()).isNull();
    assertThat(task.leaseToken()).isNull();
    assertThat(baton.cancel(id)).as("a second cancel changes nothing").isFalse();
  }

  @Test
  void cancel_from_another_node_stops_the_handler_when_its_lease_renewal_fails() {
    Baton worker =
        start(
            builder()
                .lease(Duration.ofSeconds(1))
                .reaperPeriod(Duration.ofMillis(100))
                .handle(JOB, blocking(gate())));
    Baton other = start(builder().register(JOB));
    TaskId id = other.enqueue(JOB, new Job("long", 1)).id();
    Awaits.await(started, "the handler to start");

    assertThat(other.cancel(id)).isTrue();

    Awaits.await(interrupted, "the handler to be interrupted after its lease was lost");
    assertThat(worker.task(id).awaitDone(WAIT).status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void a_canceled_queued_task_never_runs() {
    Baton producer = start(builder().register(JOB));
    TaskId canceled =
        producer.enqueue(JOB, new Job("canceled", 1), Enqueue.options().priority(10)).id();
    TaskId kept = producer.enqueue(JOB, new Job("kept", 1), Enqueue.options().priority(0)).id();
    assertThat(producer.cancel(canceled)).isTrue();
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

    Baton worker = start(builder().handle(JOB, (job, ctx) -> ran.add(job.name())));

    assertThat(worker.task(kept).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(ran).containsExactly("kept");
    assertThat(store.get(canceled).orElseThrow().status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void close_lets_a_running_handler_finish_within_the_grace() throws Exception {
    CountDownLatch gate = gate();
    Baton baton =
        start(builder().shutdownGrace(Duration.ofSeconds(30)).handle(JOB, blocking(gate)));
    TaskId id = baton.enqueue(JOB, new Job("busy", 1)).id();
    Awaits.await(started, "the handler to start");

    CompletableFuture<Void> closing = CompletableFuture.runAsync(baton::close);
    Awaits.await()
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> baton.enqueueAll(List.of()))
                    .as("the instance is closing")
                    .isInstanceOf(IllegalStateException.class));
    assertThat(closing).as("close waits for the running handler").isNotDone();
    gate.countDown();
    closing.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertSameJson(task.result(), "\"finished busy\"");
    assertThat(interrupted.getCount()).as("the handler was not interrupted").isEqualTo(1);
  }

  @Test
  void close_after_a_short_grace_interrupts_the_handler_and_requeues_its_task_unspent() {
    Baton baton =
        start(builder().shutdownGrace(Duration.ofMillis(100)).handle(JOB, blocking(gate())));
    TaskId id = baton.enqueue(JOB, new Job("stuck", 1)).id();
    Awaits.await(started, "the handler to start");

    baton.close();

    Awaits.await(interrupted, "the handler to be interrupted");
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.attempts()).isZero();
    assertThat(task.errors()).isEmpty();
    assertThat(task.leaseToken()).isNull();

    Baton next = start(builder().handle(JOB, (job, ctx) -> "attempt " + ctx.attempt()));
    assertThat(next.task(id).await(WAIT)).isEqualTo("attempt 1");
  }

  @Test
  void an_idle_engine_claims_only_when_woken_or_polling() {
    AtomicInteger claims = new AtomicInteger();
    TaskStore counting =
        (TaskStore)
            Proxy.newProxyInstance(
                TaskStore.class.getClassLoader(),
                new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("claim")) {
                    claims.incrementAndGet();
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    Baton baton =
        start(
            builder()
                .backend(counting)
                .pollInterval(Duration.ofMillis(100))
                .handle(JOB, (job, ctx) -> job.name()));
    // One task through, so that the workers have gone idle after running something.
    TaskId id = baton.enqueue(JOB, new Job("one", 1)).id();
    assertThat(baton.task(id).await(WAIT)).isEqualTo("one");
    int before = claims.get();

    // A poll every 100 ms makes about 6 claims in 600 ms; a claim loop makes hundreds.
    Awaits.await()
        .during(Duration.ofMillis(600))
        .untilAsserted(
            () -> assertThat(claims.get() - before).as("claims while idle").isLessThan(30));
  }
}
