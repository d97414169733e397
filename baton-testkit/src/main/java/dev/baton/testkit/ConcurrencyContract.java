package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.spi.NewTask;
import dev.baton.spi.QueueCount;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many claimers on one store, on the real clock: concurrent claims never hand a task out twice, and
 * two engines sharing the store run every one of 10,000 tasks exactly once. Extend it and implement
 * {@link #openStore}.
 */
public abstract class ConcurrencyContract extends EngineContractSupport {
  /** How many tasks the two-engine test runs. */
  protected static final int TASKS = 10_000;

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected ConcurrencyContract() {}

  /** The real clock: these tests race real threads. */
  @Override
  protected InstantSource storeClock() {
    return InstantSource.system();
  }

  /** The real clock, as for the store. */
  @Override
  protected InstantSource engineClock() {
    return InstantSource.system();
  }

  @Test
  void concurrent_claims_never_hand_out_a_task_twice() throws Exception {
    int total = 2_000;
    List<NewTask> tasks = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      tasks.add(newTask("c-" + i).build());
    }
    store.enqueue(tasks);
    Set<TaskId> claimed = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> claimers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String owner = "node-" + t;
        claimers.add(
            pool.submit(
                () -> {
                  List<TaskRecord> batch;
                  do {
                    batch =
                        store.claim(
                            claimOf(
                                owner, Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), 7, LEASE));
                    for (TaskRecord task : batch) {
                      if (!claimed.add(task.id())) {
                        duplicates.incrementAndGet();
                      }
                    }
                  } while (!batch.isEmpty());
                  return null;
                }));
      }
      for (Future<?> claimer : claimers) {
        claimer.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(duplicates.get()).isZero();
    assertThat(claimed).hasSize(total);
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void two_engines_on_one_store_run_every_task_exactly_once() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    Baton[] engines = new Baton[2];
    TaskHandler<Job> count =
        (job, ctx) -> {
          if (!seen.add(job.name())) {
            duplicates.incrementAndGet();
          }
          return null;
        };
    for (int e = 0; e < engines.length; e++) {
      engines[e] =
          start(builder().nodeId("engine-" + e).workers(8).claimBatch(64).handle(JOB, count));
    }

    List<TaskId> ids = new ArrayList<>(TASKS);
    for (int from = 0; from < TASKS; from += 500) {
      List<TaskRequest> batch = new ArrayList<>(500);
      for (int i = from; i < from + 500; i++) {
        batch.add(TaskRequest.of(JOB, new Job("task-" + i, i)));
      }
      engines[(from / 500) % 2].enqueueAll(batch).forEach(enqueued -> ids.add(enqueued.id()));
    }

    Awaits.await(Duration.ofSeconds(60))
        .alias(TASKS + " tasks to run")
        .until(() -> seen.size() == TASKS);
    Awaits.await().alias("every task to be SUCCEEDED").until(() -> succeeded(ids) == TASKS);
    assertThat(duplicates.get()).as("tasks run more than once").isZero();
    if (capabilities().listing()) {
      assertThat(store.counts())
          .containsExactly(
              new QueueCount(TestTasks.QUEUE, JOB.name(), TaskStatus.SUCCEEDED, TASKS));
    }
    assertThat(ids)
        .allSatisfy(id -> assertThat(store.get(id).orElseThrow().attempts()).isEqualTo(1));
  }

  private long succeeded(List<TaskId> ids) {
    if (capabilities().listing()) {
      return store.counts().stream()
          .filter(count -> count.status() == TaskStatus.SUCCEEDED)
          .mapToLong(QueueCount::count)
          .sum();
    }
    return ids.stream()
        .filter(id -> store.get(id).orElseThrow().status() == TaskStatus.SUCCEEDED)
        .count();
  }
}
