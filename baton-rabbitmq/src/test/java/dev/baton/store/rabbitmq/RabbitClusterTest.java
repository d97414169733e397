package dev.baton.store.rabbitmq;

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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes with RabbitMQ as the transport and PostgreSQL as the state store: three worker JVMs
 * ({@link ClusterWorkerMain}, the same node the SQL backends' cluster tests run) share the vhost
 * and the schema. One is killed with SIGKILL half-way: none of the tasks may be lost and only those
 * it held may run twice. Then the broker restarts mid-run: the nodes reconnect by themselves and
 * nothing confirmed is lost.
 */
@RabbitTest
@PostgresState
class RabbitClusterTest {
  private static final int WORKERS_PER_NODE = 16;
  private static final Duration LONG = Duration.ofMinutes(3);
  private final List<Process> nodes = new ArrayList<>();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private String url;

  @BeforeEach
  void emptyState() {
    url =
        Broker.amqp(getClass())
            + "?state="
            + PostgresSchemas.emptyUrl(getClass()).replace("&baton.clock=caller", "");
  }

  @AfterEach
  void stopNodes() throws InterruptedException {
    ChildJvm.stopAll(nodes);
  }

  @Test
  void a_worker_killed_half_way_loses_nothing_and_only_its_running_tasks_run_twice()
      throws Exception {
    int tasks = 10_000;
    try (TaskStore observer = open()) {
      startNodes();
      enqueue(tasks);
      CrashCheck.Result result =
          CrashCheck.killHalfWay(nodes.get(0), "node-1", observer, tasks, LONG);
      System.out.printf(
          "RabbitMQ + PostgreSQL state: %d tasks on 3 worker JVMs, node-1 killed with"
              + " SIGKILL after %d succeeded; 0 lost; %s (lease %s, reaper %s)%n",
          tasks, tasks / 2, result.describe(), ClusterWorkerMain.LEASE, ClusterWorkerMain.REAPER);
    }
  }

  @Test
  void workers_reconnect_after_a_broker_restart_and_nothing_confirmed_is_lost() throws Exception {
    int tasks = 3_000;
    try (TaskStore observer = open()) {
      startNodes();
      Awaits.await(LONG).alias("3 nodes consuming").until(() -> consumers() == 3);
      enqueue(tasks);
      Awaits.await(LONG).alias("a third to succeed").until(() -> succeeded(observer) >= tasks / 3);
      Instant restartAt = Instant.now();
      Services.restart("rabbitmq", dir.resolve("restart.log"));
      Instant upAt = Instant.now();
      Awaits.await(LONG)
          .alias("the 3 nodes to consume again after the restart")
          .until(() -> consumers() == 3);
      // Tasks confirmed after the restart reach the reconnected workers through the broker.
      enqueue(tasks);
      Awaits.await(LONG)
          .alias("every task to succeed")
          .until(() -> succeeded(observer) == 2L * tasks);
      assertThat(observer.counts())
          .containsExactly(
              new QueueCount(WORK.queue(), WORK.name(), TaskStatus.SUCCEEDED, 2L * tasks));
      assertThat(nodes).allSatisfy(node -> assertThat(node.isAlive()).isTrue());
      System.out.printf(
          "RabbitMQ + PostgreSQL state: broker restarted mid-run (down %d ms); 3 nodes"
              + " reconnected by themselves; %d tasks, 0 lost, %d ran twice%n",
          Duration.between(restartAt, upAt).toMillis(),
          2 * tasks,
          runs(observer).values().stream().filter(r -> r.size() > 1).count());
    }
  }

  private TaskStore open() {
    return StoreProviders.open(url, new StoreContext(InstantSource.system()));
  }

  private void enqueue(int tasks) {
    try (Baton producer = Baton.builder().backend(url).workers(0).register(WORK).start()) {
      List<TaskRequest> batch = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        batch.add(TaskRequest.of(WORK, new ClusterWorkerMain.Work(i)));
        if (batch.size() == 500) {
          producer.enqueueAll(batch);
          batch.clear();
        }
      }
      producer.enqueueAll(batch);
    }
  }

  private void startNodes() {
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

  private int consumers() {
    try {
      return Broker.consumers(getClass(), Transport.WORK_PREFIX + WORK.queue());
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
