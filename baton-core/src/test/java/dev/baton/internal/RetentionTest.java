package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskId;
import dev.baton.event.TaskListener;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskStore;
import dev.baton.store.memory.MemoryStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The retention job: chunked purges up to the cutoff, a retention that keeps everything, errors.
 */
class RetentionTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final MemoryStore store = new MemoryStore(InstantSource.fixed(START));
  private final AtomicReference<String> backgroundError = new AtomicReference<>();
  private final Listeners listeners =
      new Listeners(
          List.of(
              new TaskListener() {
                @Override
                public void backgroundError(String where, Throwable error) {
                  backgroundError.set(where + ": " + error.getMessage());
                }
              }));

  /** Enqueues, claims and succeeds {@code count} tasks on the store's fixed clock. */
  private void finish(int count) {
    List<NewTask> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(
          NewTask.builder()
              .id(TaskId.of("t" + i))
              .type("job")
              .queue("q")
              .payload("{}")
              .maxAttempts(1)
              .build());
    }
    store.enqueue(tasks);
    var claimed =
        store.claim(
            new Claim("node", "token", Set.of("q"), Set.of("job"), count, Duration.ofMinutes(1)));
    List<Settlement> succeeded = new ArrayList<>();
    for (var task : claimed) {
      succeeded.add(new Settlement.Succeed(new Lease(task.id(), "token"), null, Duration.ZERO));
    }
    store.settle(succeeded);
  }

  private Retention retention(Duration keep, Instant now) {
    return new Retention(store, keep, InstantSource.fixed(now), listeners);
  }

  @Test
  void deletes_every_task_older_than_the_retention_in_chunks() {
    finish(2 * Retention.CHUNK + 500);

    retention(Duration.ofHours(1), START.plus(Duration.ofMinutes(59))).purge();
    assertThat(store.get(TaskId.of("t0"))).as("finished 59 minutes ago").isPresent();

    retention(Duration.ofHours(1), START.plus(Duration.ofMinutes(61))).purge();
    assertThat(store.counts()).as("every chunk deleted in one run").isEmpty();
    assertThat(backgroundError.get()).isNull();
  }

  @Test
  void a_retention_reaching_back_past_the_epoch_keeps_everything() {
    finish(3);

    retention(ChronoUnit.FOREVER.getDuration(), START.plus(Duration.ofDays(365 * 100))).purge();

    assertThat(store.get(TaskId.of("t0"))).isPresent();
    assertThat(backgroundError.get()).isNull();
  }

  @Test
  void a_failing_store_is_reported_to_listeners_and_does_not_escape() {
    TaskStore failing =
        (TaskStore)
            Proxy.newProxyInstance(
                TaskStore.class.getClassLoader(),
                new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> {
                  throw new StoreException("database down");
                });

    new Retention(failing, Duration.ofHours(1), InstantSource.fixed(START), listeners).purge();

    assertThat(backgroundError.get()).isEqualTo("purge: database down");
  }
}
