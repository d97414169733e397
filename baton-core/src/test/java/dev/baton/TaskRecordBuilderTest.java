package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskRecordBuilderTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");
  private static final TaskError ERROR =
      new TaskError(T0.plusSeconds(9), 1, "boom", "java.io.IOException", "at x");

  /** Every field set, each to a value no other field of its type holds. */
  private static TaskRecord everyFieldDistinct() {
    return TaskRecord.builder()
        .id(TaskId.of("t-1"))
        .type("type")
        .queue("queue")
        .payload("{\"p\":1}")
        .priority(7)
        .runAt(T0.plusSeconds(1))
        .status(TaskStatus.RUNNING)
        .attempts(2)
        .maxAttempts(5)
        .retryPolicy("fixed delay=PT1H retries=4")
        .timeout(Duration.ofSeconds(30))
        .leaseOwner("node")
        .leaseToken("token")
        .leaseDeadline(T0.plusSeconds(2))
        .state("{\"s\":1}")
        .result("{\"r\":1}")
        .errors(List.of(ERROR))
        .executionTime(Duration.ofMillis(15))
        .correlationId("corr")
        .owner("owner")
        .scheduleId("sched")
        .createdAt(T0.plusSeconds(3))
        .startedAt(T0.plusSeconds(4))
        .finishedAt(T0.plusSeconds(5))
        .updatedAt(T0.plusSeconds(6))
        .sequence(42)
        .build();
  }

  @Test
  void builder_sets_each_field_under_its_own_name() {
    TaskRecord r = everyFieldDistinct();

    assertThat(r.id()).isEqualTo(TaskId.of("t-1"));
    assertThat(r.type()).isEqualTo("type");
    assertThat(r.queue()).isEqualTo("queue");
    assertThat(r.payload()).isEqualTo("{\"p\":1}");
    assertThat(r.priority()).isEqualTo(7);
    assertThat(r.runAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(r.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.maxAttempts()).isEqualTo(5);
    assertThat(r.retryPolicy()).isEqualTo("fixed delay=PT1H retries=4");
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.leaseOwner()).isEqualTo("node");
    assertThat(r.leaseToken()).isEqualTo("token");
    assertThat(r.leaseDeadline()).isEqualTo(T0.plusSeconds(2));
    assertThat(r.state()).isEqualTo("{\"s\":1}");
    assertThat(r.result()).isEqualTo("{\"r\":1}");
    assertThat(r.errors()).containsExactly(ERROR);
    assertThat(r.executionTime()).isEqualTo(Duration.ofMillis(15));
    assertThat(r.correlationId()).isEqualTo("corr");
    assertThat(r.owner()).isEqualTo("owner");
    assertThat(r.scheduleId()).isEqualTo("sched");
    assertThat(r.createdAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(r.startedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(r.updatedAt()).isEqualTo(T0.plusSeconds(6));
    assertThat(r.sequence()).isEqualTo(42);
  }

  @Test
  void toBuilder_round_trips_every_field_unchanged() {
    TaskRecord r = everyFieldDistinct();

    assertThat(r.toBuilder().build()).isEqualTo(r).usingRecursiveComparison().isEqualTo(r);
  }

  @Test
  void toBuilder_changes_only_the_field_set_again() {
    TaskRecord r = everyFieldDistinct();

    TaskRecord changed = r.toBuilder().finishedAt(T0.plusSeconds(99)).build();

    assertThat(changed.finishedAt()).isEqualTo(T0.plusSeconds(99));
    assertThat(changed).usingRecursiveComparison().ignoringFields("finishedAt").isEqualTo(r);
  }

  @Test
  void build_defaults_errors_and_execution_time_as_the_constructor_does() {
    TaskRecord r = everyFieldDistinct().toBuilder().errors(null).executionTime(null).build();

    assertThat(r.errors()).isEmpty();
    assertThat(r.executionTime()).isEqualTo(Duration.ZERO);
  }

  @Test
  void build_refuses_a_missing_required_field_by_name() {
    assertThatThrownBy(() -> everyFieldDistinct().toBuilder().createdAt(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("createdAt");
    assertThatThrownBy(() -> TaskRecord.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
  }
}
