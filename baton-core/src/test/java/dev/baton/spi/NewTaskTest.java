package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.TaskId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewTaskTest {
  private static final Instant RUN_AT = Instant.parse("2026-01-02T03:04:05Z");

  private static NewTask everyFieldDistinct() {
    return NewTask.builder()
        .id(TaskId.of("t-1"))
        .type("type")
        .queue("queue")
        .payload("{}")
        .priority(7)
        .runAt(RUN_AT)
        .maxAttempts(5)
        .retryPolicy("fixed delay=PT1H retries=4")
        .timeout(Duration.ofSeconds(30))
        .correlationId("corr")
        .owner("owner")
        .scheduleId("sched")
        .build();
  }

  @Test
  void builder_sets_each_field_under_its_own_name() {
    assertThat(everyFieldDistinct())
        .isEqualTo(
            new NewTask(
                TaskId.of("t-1"),
                "type",
                "queue",
                "{}",
                7,
                RUN_AT,
                5,
                "fixed delay=PT1H retries=4",
                Duration.ofSeconds(30),
                "corr",
                "owner",
                "sched"));
  }

  @Test
  void toBuilder_round_trips_every_field_unchanged() {
    NewTask task = everyFieldDistinct();

    assertThat(task.toBuilder().build()).isEqualTo(task);
    assertThat(task.toBuilder().owner(null).build())
        .usingRecursiveComparison()
        .ignoringFields("owner")
        .isEqualTo(task);
  }

  @Test
  void build_runs_the_constructor_checks() {
    assertThatThrownBy(() -> everyFieldDistinct().toBuilder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be >= 1 but was 0");
    assertThatThrownBy(() -> everyFieldDistinct().toBuilder().payload(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("payload");
  }
}
