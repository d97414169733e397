package dev.baton.store.jdbc;

import static dev.baton.testkit.ClusterWorkerMain.WORK;
import static dev.baton.testkit.CrashCheck.runs;
import static dev.baton.testkit.CrashCheck.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.ChildJvm;
import dev.baton.testkit.ClusterWorkerMain;
import dev.baton.testkit.CrashCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes on a database server: three worker JVMs share one database. One is killed with
 * SIGKILL half-way through 20,000 tasks: none may be lost, and only tasks that were running in the
 * killed process may run twice. Then the database server itself restarts mid-run: the workers
 * reconnect by themselves and nothing committed is lost. Every node runs on the database clock, as
 * in production. A subclass per server.
 */
abstract class ClusterCrashTest {
  private static final int WORKERS_PER_NODE = 16;
  private static final Duration LONG = Duration.ofMinutes(2);

  private final TestServer server;
  private final List<Process> nodes = new ArrayList<>();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  ClusterCrashTest(TestServer server) {
    this.server = server;
  }

  /** The tests share the class's database: each starts from an empty one. */
  @BeforeEach
  void empty() {
    try (TaskStore store =
        StoreProviders.open(server.url(getClass(), ""), new StoreContext(InstantSource.system()))) {
      store.clear();
      store.kv().clear();
    }
  }

  @AfterEach
  void stopNodes() throws InterruptedException {
    ChildJvm.stopAll(nodes);
  }

  @Test
  void a_worker_killed_half_way_loses_nothing_and_only_its_running_tasks_run_twice()
      throws Exception {
    int tasks = 20_000;
    String url = server.url(getClass(), "");
    try (TaskStore observer = StoreProviders.open(url, new StoreContext(InstantSource.system()))) {
      enqueue(url, tasks);
      startNodes(url);

      CrashCheck.Result result =
          CrashCheck.killHalfWay(nodes.get(0), "node-1", observer, tasks, LONG);
      System.out.printf(
          "%s: %d tasks on 3 worker JVMs, node-1 killed with SIGKILL after %d"
              + " succeeded; 0 lost; %s (lease %s, reaper %s)%n",
          getClass().getSimpleName(),
          tasks,
          tasks / 2,
          result.describe(),
          ClusterWorkerMain.LEASE,
          ClusterWorkerMain.REAPER);
    }
  }

  @Test
  void workers_reconnect_after_a_database_restart_and_nothing_committed_is_lost() throws Exception {
    int tasks = 5_000;
    String url = server.url(getClass(), "");
    enqueue(url, tasks);
    startNodes(url);
    try (TaskStore observer = StoreProviders.open(url, new StoreContext(InstantSource.system()))) {
      Awaits.await(LONG)
          .alias("a third of the tasks to succeed")
          .until(() -> succeeded(observer) >= tasks / 3);
    }
    System.out.println("node logs in " + dir);
    Instant restartAt = Instant.now();
    restartServer();
    Instant upAt = Instant.now();

    try (TaskStore observer = StoreProviders.open(url, new StoreContext(InstantSource.system()))) {
      Awaits.await(LONG)
          .alias("every task to succeed after the restart")
          .until(() -> succeeded(observer) == tasks);
      Instant doneAt = Instant.now();
      assertThat(observer.counts())
          .containsExactly(new QueueCount(WORK.queue(), WORK.name(), TaskStatus.SUCCEEDED, tasks));
      assertThat(nodes).allSatisfy(node -> assertThat(node.isAlive()).isTrue());
      Map<String, List<String>> runs = runs(observer);
      long twice = runs.values().stream().filter(r -> r.size() > 1).count();
      System.out.printf(
          "%s: %d tasks on 3 worker JVMs, %s restarted mid-run (down %d ms);"
              + " 0 lost; %d ran twice (their outcome could not be stored while the server was"
              + " down and the lease ran out); all done %d ms after it was back%n",
          getClass().getSimpleName(),
          tasks,
          server,
          Duration.between(restartAt, upAt).toMillis(),
          twice,
          Duration.between(upAt, doneAt).toMillis());
    }
  }

  private void restartServer() throws IOException, InterruptedException {
    Path script =
        Path.of(System.getProperty("user.dir")).resolve("../scripts/services").normalize();
    Process restart =
        new ProcessBuilder(
                script.toString(),
                "restart",
                server == TestServer.POSTGRESQL ? "postgresql" : "mariadb")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("restart.log").toFile())
            .start();
    assertThat(restart.waitFor(2, TimeUnit.MINUTES)).as("the restart finished").isTrue();
    assertThat(restart.exitValue())
        .as("scripts/services restart; see %s", dir.resolve("restart.log"))
        .isZero();
  }

  private static void enqueue(String url, int tasks) {
    try (Baton producer = Baton.builder().backend(url).workers(0).register(WORK).start()) {
      List<TaskRequest> batch = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        batch.add(TaskRequest.of(WORK, new ClusterWorkerMain.Work(i)));
        if (batch.size() == 1000) {
          producer.enqueueAll(batch);
          batch.clear();
        }
      }
      producer.enqueueAll(batch);
    }
  }

  private void startNodes(String url) {
    for (int i = 1; i <= 3; i++) {
      nodes.add(
          ChildJvm.start(
              ClusterWorkerMain.class,
              dir.resolve("node-" + i + ".log"),
              url,
              "node-" + i,
              Integer.toString(WORKERS_PER_NODE)));
    }
  }
}
