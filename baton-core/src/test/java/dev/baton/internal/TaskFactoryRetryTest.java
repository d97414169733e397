package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Enqueue;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the retry policy and attempt limit stored with a task come from. */
class TaskFactoryRetryTest {
  record Job(int n) {}

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final RetryPolicy NODE = RetryPolicy.fixed(Duration.ofSeconds(5), 2);
  private static final RetryPolicy TYPE = RetryPolicy.fixed(Duration.ofMinutes(10), 6);
  private static final RetryPolicy TASK =
      RetryPolicy.exponential(Duration.ofSeconds(1), 3.0).maxRetries(1);

  private static final TaskType<Job> PLAIN = TaskType.of("plain", Job.class);

  private final TaskFactory factory =
      new TaskFactory(
          new TaskTypes(Map.of(), Map.of()), new Json(Json.defaultMapper()), NODE, 1 << 20);

  private NewTask resolve(TaskType<Job> type, Enqueue options) {
    return factory.resolve(TaskRequest.of(type, new Job(1), options), NOW, "payload");
  }

  @Test
  void a_type_without_a_policy_stores_the_nodes_policy_and_limit() {
    NewTask task = resolve(PLAIN, Enqueue.options());
    assertThat(task.retryPolicy()).isEqualTo(NODE.spec());
    assertThat(task.maxAttempts()).isEqualTo(3);
  }

  @Test
  void the_types_policy_beats_the_nodes() {
    NewTask task = resolve(PLAIN.withRetry(TYPE), Enqueue.options());
    assertThat(task.retryPolicy()).isEqualTo(TYPE.spec());
    assertThat(task.maxAttempts()).isEqualTo(7);
  }

  @Test
  void the_types_explicit_limit_beats_its_policys_but_not_the_policys_delays() {
    NewTask task = resolve(PLAIN.withRetry(TYPE).withMaxAttempts(2), Enqueue.options());
    assertThat(task.retryPolicy()).isEqualTo(TYPE.spec());
    assertThat(task.maxAttempts()).isEqualTo(2);
    TaskType<Job> limitOnly = TaskType.of("limit-only", Job.class).withMaxAttempts(4);
    assertThat(resolve(limitOnly, Enqueue.options()).retryPolicy()).isEqualTo(NODE.spec());
  }

  @Test
  void the_enqueues_policy_beats_the_types_policy_and_limit() {
    NewTask task = resolve(PLAIN.withRetry(TYPE).withMaxAttempts(9), Enqueue.options().retry(TASK));
    assertThat(task.retryPolicy()).isEqualTo(TASK.spec());
    assertThat(task.maxAttempts()).isEqualTo(2);
  }

  @Test
  void the_enqueues_explicit_limit_beats_everything_else() {
    NewTask task = resolve(PLAIN.withRetry(TYPE), Enqueue.options().retry(TASK).maxAttempts(11));
    assertThat(task.retryPolicy()).isEqualTo(TASK.spec());
    assertThat(task.maxAttempts()).isEqualTo(11);
  }

  @Test
  void a_schedule_for_a_type_this_node_does_not_know_gets_the_nodes_policy() {
    assertThat(factory.retrySpec("elsewhere")).isEqualTo(NODE.spec());
    assertThat(factory.maxAttempts("elsewhere")).isEqualTo(3);
    resolve(PLAIN.withRetry(TYPE), Enqueue.options());
    assertThat(factory.retrySpec("plain")).isEqualTo(TYPE.spec());
    assertThat(factory.maxAttempts("plain")).isEqualTo(7);
  }

  @Test
  void a_stored_policy_is_read_back_and_a_missing_or_unreadable_one_falls_back_to_the_nodes() {
    StoredRetry stored = new StoredRetry(NODE);
    TaskRecord task =
        TaskRecord.builder()
            .id(TaskId.of("t"))
            .type("plain")
            .queue("default")
            .payload("{}")
            .runAt(NOW)
            .status(TaskStatus.RUNNING)
            .createdAt(NOW)
            .updatedAt(NOW)
            .maxAttempts(7)
            .retryPolicy(TYPE.spec())
            .build();

    assertThat(stored.of(task)).isEqualTo(TYPE);
    assertThat(stored.of(task).delay(1)).isEqualTo(Duration.ofMinutes(10));
    assertThat(stored.of(task.toBuilder().retryPolicy(null).build())).isSameAs(NODE);
    assertThat(stored.of(task.toBuilder().retryPolicy("linear step=PT1S").build())).isSameAs(NODE);
  }
}
