package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several stores on one file, each with its own writer connection, stand in for several processes:
 * they take turns on SQLite's write lock and never hand out a task twice.
 */
class SqliteSharedFileTest {
  private static final int TASKS = 2_000;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  @Test
  void stores_on_one_file_claiming_at_once_never_claim_a_task_twice() throws Exception {
    List<TaskStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stores.add(SqliteStores.open(dir, clock));
    }
    try {
      List<NewTask> tasks = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        tasks.add(TestTasks.newTask("task-" + i).build());
      }
      stores.get(0).enqueue(tasks);
      Set<String> claimed = ConcurrentHashMap.newKeySet();
      List<String> duplicates = new ArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
        List<Future<?>> claimers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          TaskStore store = stores.get(t % stores.size());
          claimers.add(
              threads.submit(
                  () -> {
                    go.await();
                    List<TaskRecord> batch;
                    do {
                      batch =
                          store.claim(
                              new Claim(
                                  "node",
                                  UUID.randomUUID().toString(),
                                  Set.of(TestTasks.QUEUE),
                                  Set.of(TestTasks.TYPE),
                                  7,
                                  Duration.ofMinutes(1)));
                      List<Settlement> done = new ArrayList<>();
                      for (TaskRecord task : batch) {
                        if (!claimed.add(task.id().value())) {
                          synchronized (duplicates) {
                            duplicates.add(task.id().value());
                          }
                        }
                        done.add(
                            new Settlement.Succeed(
                                new Lease(task.id(), task.leaseToken()), null, Duration.ZERO));
                      }
                      assertThat(store.settle(done)).doesNotContain(false);
                    } while (!batch.isEmpty());
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> claimer : claimers) {
          claimer.get();
        }
      }

      assertThat(duplicates).isEmpty();
      assertThat(claimed).hasSize(TASKS);
      assertThat(stores.get(1).list(TaskQuery.byStatus(TaskStatus.SUCCEEDED, 1)).total())
          .isEqualTo(TASKS);
    } finally {
      stores.forEach(TaskStore::close);
    }
  }
}
