package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SmokeTest {
  record Add(int a, int b) {}

  static final TaskType<Add> ADD = TaskType.of("add", Add.class);

  @Test
  void runs_enqueued_tasks_and_returns_results() {
    AtomicInteger runs = new AtomicInteger();
    try (Baton baton =
        Baton.builder()
            .handle(
                ADD,
                (add, ctx) -> {
                  runs.incrementAndGet();
                  return add.a() + add.b();
                })
            .start()) {
      List<dev.baton.TaskId> ids = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        ids.add(baton.enqueue(ADD, new Add(i, 1)).id());
      }
      for (int i = 0; i < ids.size(); i++) {
        assertThat(baton.task(ids.get(i)).await(Duration.ofSeconds(10), Integer.class))
            .isEqualTo(i + 1);
      }
      TaskRecord first = baton.task(ids.get(0)).get().orElseThrow();
      assertThat(first.status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(runs.get()).isEqualTo(1000);
    }
  }
}
