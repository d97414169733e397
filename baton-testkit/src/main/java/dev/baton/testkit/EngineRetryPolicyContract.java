package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskFailedException;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The retry policy travels with the task: the node that enqueues it decides both the attempt limit
 * and the waits, and a node that runs it with another policy of its own follows the stored one. A
 * task stored without a policy (as by a version before policies were stored) waits as the running
 * node's policy says. Each test runs a producer and a worker engine on the same store. Extend it
 * and implement {@link #openStore}.
 */
public abstract class EngineRetryPolicyContract extends EngineContractSupport {
  /** A wait no test lets pass: a task retried after it is still QUEUED at the end. */
  private static final RetryPolicy HOURLY = RetryPolicy.fixed(Duration.ofHours(1), 4);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineRetryPolicyContract() {}

  private final AtomicInteger runs = new AtomicInteger();

  private final TaskHandler<Job> failing =
      (job, ctx) -> {
        runs.incrementAndGet();
        throw new IllegalStateException("boom " + ctx.attempt());
      };

  private Baton producer(RetryPolicy policy) {
    return start(builder().workers(0).retry(policy).register(JOB));
  }

  private Baton worker(RetryPolicy policy) {
    return start(builder().retry(policy).handle(JOB, failing));
  }

  private TaskRecord awaitFirstRetry(TaskId id) {
    Awaits.await()
        .alias("the first retry of " + id)
        .until(
            () -> {
              TaskRecord task = store.get(id).orElseThrow();
              return task.status() == TaskStatus.QUEUED && task.errors().size() == 1;
            });
    return store.get(id).orElseThrow();
  }

  /** The retry waits about an hour from the failure, not the worker's zero. */
  private void assertWaitsAnHourFrom(TaskRecord task, Instant before) {
    assertThat(task.runAt()).isAfterOrEqualTo(before.plus(Duration.ofMinutes(59)));
    assertThat(task.runAt())
        .isBeforeOrEqualTo(engineClock().instant().plus(Duration.ofMinutes(61)));
  }

  @Test
  void a_worker_without_retries_follows_the_producers_policy() {
    Baton producer = producer(HOURLY);
    TaskId id = producer.enqueue(JOB, new Job("a", 1)).id();
    TaskRecord stored = store.get(id).orElseThrow();
    assertThat(stored.maxAttempts()).isEqualTo(5);
    assertThat(RetryPolicy.parse(stored.retryPolicy())).isEqualTo(HOURLY);

    Instant before = engineClock().instant();
    worker(RetryPolicy.none());
    TaskRecord retried = awaitFirstRetry(id);

    assertThat(retried.attempts()).isEqualTo(1);
    assertThat(retried.maxAttempts()).isEqualTo(5);
    assertWaitsAnHourFrom(retried, before);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void a_worker_with_retries_does_not_retry_a_task_enqueued_without() {
    Baton producer = producer(RetryPolicy.none());
    TaskId id = producer.enqueue(JOB, new Job("b", 1)).id();
    Baton worker = worker(HOURLY);

    assertThatThrownBy(() -> worker.task(id).await(WAIT)).isInstanceOf(TaskFailedException.class);
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void a_worker_with_long_waits_retries_at_once_when_the_producers_policy_says_so() {
    Baton producer = producer(RetryPolicy.fixed(Duration.ZERO, 1));
    TaskId id = producer.enqueue(JOB, new Job("c", 1)).id();
    Baton worker = worker(HOURLY);

    // The worker's own policy would park the retry for an hour, past the wait.
    assertThatThrownBy(() -> worker.task(id).await(WAIT))
        .isInstanceOf(TaskFailedException.class)
        .hasMessageContaining("boom 2");
    assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(2);
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void the_task_types_policy_is_stored_and_followed() {
    Baton producer =
        start(builder().workers(0).retry(RetryPolicy.none()).register(JOB.withRetry(HOURLY)));
    TaskId id = producer.enqueue(JOB.withRetry(HOURLY), new Job("typed", 1)).id();
    assertThat(store.get(id).orElseThrow().maxAttempts()).isEqualTo(5);

    Instant before = engineClock().instant();
    worker(RetryPolicy.none());
    TaskRecord retried = awaitFirstRetry(id);

    assertThat(RetryPolicy.parse(retried.retryPolicy())).isEqualTo(HOURLY);
    assertWaitsAnHourFrom(retried, before);
  }

  @Test
  void the_enqueues_policy_is_stored_and_followed() {
    Baton producer = producer(RetryPolicy.none());
    TaskId id = producer.enqueue(JOB, new Job("own", 1), Enqueue.options().retry(HOURLY)).id();
    assertThat(store.get(id).orElseThrow().maxAttempts()).isEqualTo(5);

    Instant before = engineClock().instant();
    worker(RetryPolicy.none());
    TaskRecord retried = awaitFirstRetry(id);

    assertThat(RetryPolicy.parse(retried.retryPolicy())).isEqualTo(HOURLY);
    assertWaitsAnHourFrom(retried, before);
  }

  @Test
  void a_task_stored_without_a_policy_waits_as_the_running_node_says() {
    enqueue(TestTasks.newTask("old").payload("{\"name\":\"old\",\"n\":1}").maxAttempts(3).build());
    assertThat(get("old").retryPolicy()).isNull();

    Instant before = engineClock().instant();
    worker(HOURLY);
    TaskRecord retried = awaitFirstRetry(TaskId.of("old"));

    assertThat(retried.maxAttempts()).isEqualTo(3);
    assertWaitsAnHourFrom(retried, before);
  }
}
