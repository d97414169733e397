package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskId;
import dev.baton.TaskType;
import dev.baton.event.TaskListener;
import dev.baton.spi.NewTask;
import dev.baton.store.memory.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunAtRangeTest {
  record Job(int n) {}

  static final TaskType<Job> JOB = TaskType.of("job", Job.class);

  @Test
  void run_at_times_outside_the_documented_range_are_refused_and_name_the_field() {
    assertThatThrownBy(() -> Enqueue.options().runAt(Instant.parse("2400-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runAt")
        .hasMessageContaining("2400-01-01T00:00:00Z");
    assertThatThrownBy(() -> Enqueue.options().runAt(Instant.parse("0000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runAt");
    assertThatThrownBy(() -> Enqueue.options().runAt(Instant.EPOCH.minusNanos(1000)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Enqueue.options().delay(Duration.ofDays(365L * 300)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay");
    assertThat(Enqueue.options().runAt(Enqueue.MAX_RUN_AT).runAt()).isEqualTo(Enqueue.MAX_RUN_AT);
    assertThat(Enqueue.options().runAt(Enqueue.MIN_RUN_AT).runAt()).isEqualTo(Enqueue.MIN_RUN_AT);
  }

  @Test
  void a_delay_that_ends_past_the_range_is_refused_at_enqueue_and_nothing_is_stored() {
    try (Baton baton = Baton.builder().register(JOB).workers(0).start()) {
      Duration tooLong = Duration.between(Instant.now(), Enqueue.MAX_RUN_AT).plusDays(1);
      assertThatThrownBy(() -> baton.enqueue(JOB, new Job(1), Enqueue.options().delay(tooLong)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("delay");
      TaskId ok = baton.enqueue(JOB, new Job(2), Enqueue.options().runAt(Enqueue.MAX_RUN_AT)).id();
      assertThat(baton.task(ok).get().orElseThrow().runAt()).isEqualTo(Enqueue.MAX_RUN_AT);
    }
  }

  @Test
  void a_stored_task_due_centuries_away_does_not_break_the_claim_loop() {
    List<String> errors = new CopyOnWriteArrayList<>();
    TaskListener listener =
        new TaskListener() {
          @Override
          public void backgroundError(String where, Throwable error) {
            errors.add(where + ": " + error);
          }
        };
    // Stored before the range existed, or moved in by a migration: the engine must live with it.
    MemoryStore store = new MemoryStore(InstantSource.system());
    store.enqueue(
        List.of(
            NewTask.builder()
                .id(TaskId.of("far"))
                .type("job")
                .queue("default")
                .payload("{\"n\":0}")
                .runAt(Instant.parse("2400-01-01T00:00:00Z"))
                .maxAttempts(3)
                .build()));
    try (Baton baton =
        Baton.builder()
            .backend(store)
            .handle(JOB, (job, ctx) -> job.n())
            .workers(2)
            .listener(listener)
            .start()) {
      TaskId first = baton.enqueue(JOB, new Job(1)).id();
      assertThat(baton.task(first).await(Duration.ofSeconds(10), Integer.class)).isEqualTo(1);
      // The dispatcher is one thread: the claim of the second task comes after the idle wait that
      // followed the first claim, which is where the far due time was turned into nanoseconds.
      TaskId second = baton.enqueue(JOB, new Job(2)).id();
      assertThat(baton.task(second).await(Duration.ofSeconds(10), Integer.class)).isEqualTo(2);
      assertThat(errors).isEmpty();
    }
    store.close();
  }

  @Test
  void a_handler_asking_to_wait_centuries_is_held_until_the_end_of_the_range() {
    TaskType<Job> waits = TaskType.of("waits", Job.class);
    try (Baton baton =
        Baton.builder()
            .handle(
                waits,
                (job, ctx) ->
                    job.n() == 0
                        ? new dev.baton.Outcome.RetryAfter(Duration.ofDays(365L * 500), "later")
                        : new dev.baton.Outcome.Suspend(Duration.ofDays(365L * 500), null))
            .workers(2)
            .start()) {
      TaskId retried = baton.enqueue(waits, new Job(0)).id();
      TaskId suspended = baton.enqueue(waits, new Job(1)).id();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(baton.task(retried).get().orElseThrow().attempts()).isEqualTo(1);
                assertThat(baton.task(retried).get().orElseThrow().status())
                    .isEqualTo(dev.baton.TaskStatus.QUEUED);
                assertThat(baton.task(suspended).get().orElseThrow().status())
                    .isEqualTo(dev.baton.TaskStatus.SUSPENDED);
              });
      assertThat(baton.task(retried).get().orElseThrow().runAt())
          .isBeforeOrEqualTo(Enqueue.MAX_RUN_AT)
          .isAfter(Instant.parse("2199-01-01T00:00:00Z"));
      assertThat(baton.task(suspended).get().orElseThrow().runAt())
          .isBeforeOrEqualTo(Enqueue.MAX_RUN_AT)
          .isAfter(Instant.parse("2199-01-01T00:00:00Z"));
    }
  }
}
