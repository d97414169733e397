package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.AwaitTimeoutException;
import dev.baton.Baton;
import dev.baton.TaskHandle;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Two callers awaiting one task: one giving up early must not delay the other's wake-up. */
class TwoAwaitersTest {
  record Gate(int n) {}

  static final TaskType<Gate> GATE = TaskType.of("gate", Gate.class);

  @Test
  void a_caller_that_times_out_leaves_the_other_to_be_woken_at_completion() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (Baton baton =
        Baton.builder()
            .handle(
                GATE,
                (gate, ctx) -> {
                  release.await();
                  return gate.n();
                })
            .workers(1)
            .start()) {
      TaskHandle handle = baton.task(baton.enqueue(GATE, new Gate(7)).id());
      Awaits.await()
          .until(() -> handle.get().map(TaskRecord::status).orElseThrow() == TaskStatus.RUNNING);

      CompletableFuture<TaskRecord> patient = new CompletableFuture<>();
      Thread waiter =
          Thread.ofPlatform()
              .start(() -> patient.complete(handle.awaitDone(Duration.ofMinutes(1))));
      // Parked in its await: from here on it watches the task.
      Awaits.await().until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
      // The hasty caller watches the same task, then gives up while the patient one still waits.
      assertThatThrownBy(() -> handle.awaitDone(Duration.ofMillis(50)))
          .isInstanceOf(AwaitTimeoutException.class);
      assertThat(patient).isNotDone();

      release.countDown();
      Awaits.await().atMost(Duration.ofSeconds(5)).until(patient::isDone);
      assertThat(patient.get().status()).isEqualTo(TaskStatus.SUCCEEDED);
    }
  }
}
