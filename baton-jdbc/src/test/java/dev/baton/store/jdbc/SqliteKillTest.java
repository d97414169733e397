package dev.baton.store.jdbc;

import static dev.baton.store.jdbc.SlowWorkerMain.WORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a second JVM runs a Baton node on the same SQLite file, claims tasks, and dies by
 * SIGKILL in the middle of running them. Nothing may be lost, and the tasks it held must run to the
 * end on a fresh node once their leases expire.
 */
class SqliteKillTest {
  private static final int TASKS = 200;
  private static final int CHILD_WORKERS = 16;

  @TempDir Path dir;
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  @Test
  void tasks_running_in_a_killed_process_come_back_through_lease_expiry_and_all_succeed()
      throws Exception {
    Path file = dir.resolve("baton.db");
    String url = "sqlite:" + file;
    enqueue(url);

    child = startChild(file);
    try (TaskStore observer = SqliteStores.open(dir, InstantSource.system())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> count(observer, TaskStatus.RUNNING) == CHILD_WORKERS);
      List<TaskId> running = running(observer);

      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
      Instant killedAt = Instant.now();

      assertThat(observer.list(TaskQuery.byStatus(null, 1)).total()).isEqualTo(TASKS);
      assertThat(running)
          .hasSize(CHILD_WORKERS)
          .allSatisfy(
              id ->
                  assertThat(observer.get(id).orElseThrow().leaseOwner()).isEqualTo("doomed-node"));

      try (Baton survivor =
          Baton.builder()
              .backend(url)
              .nodeId("survivor")
              .lease(SlowWorkerMain.LEASE)
              .reaperPeriod(Duration.ofMillis(200))
              .handle(WORK, (work, context) -> work.n())
              .start()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> count(survivor.backend(), TaskStatus.SUCCEEDED) == TASKS);
      }

      assertThat(observer.list(TaskQuery.byStatus(null, 1)).total()).isEqualTo(TASKS);
      List<TaskRecord> recovered = new ArrayList<>();
      for (TaskId id : running) {
        recovered.add(observer.get(id).orElseThrow());
      }
      assertThat(recovered)
          .allSatisfy(
              task -> {
                assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
                assertThat(task.attempts()).isEqualTo(2);
                assertThat(task.errors())
                    .singleElement()
                    .satisfies(
                        error -> {
                          assertThat(error.exceptionClass()).isEqualTo("lease-expired");
                          assertThat(error.message()).contains("doomed-node");
                        });
              });
      Instant lastRestart =
          recovered.stream()
              .map(TaskRecord::startedAt)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      System.out.printf(
          "SqliteKillTest: %d tasks, %d RUNNING in the killed process; they were"
              + " running again on the survivor %d ms after the kill (lease %s, reaper 200 ms)%n",
          TASKS,
          running.size(),
          Duration.between(killedAt, lastRestart).toMillis(),
          SlowWorkerMain.LEASE);
    }
  }

  private static void enqueue(String url) {
    try (Baton producer = Baton.builder().backend(url).workers(0).register(WORK).start()) {
      List<TaskRequest> requests = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        requests.add(TaskRequest.of(WORK, new SlowWorkerMain.Work(i)));
      }
      producer.enqueueAll(requests);
    }
  }

  private Process startChild(Path file) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            SlowWorkerMain.class.getName(),
            file.toString(),
            Integer.toString(CHILD_WORKERS))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .start();
  }

  private static long count(TaskStore store, TaskStatus status) {
    return store.counts().stream()
        .filter(c -> c.status() == status)
        .mapToLong(QueueCount::count)
        .sum();
  }

  private static List<TaskId> running(TaskStore store) {
    return store.list(TaskQuery.byStatus(TaskStatus.RUNNING, 1000)).items().stream()
        .map(TaskRecord::id)
        .toList();
  }
}
