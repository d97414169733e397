package dev.baton.store.redis;

import static dev.baton.testkit.ClusterWorkerMain.WORK;
import static dev.baton.testkit.CrashCheck.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.spi.NewTask;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.ChildJvm;
import dev.baton.testkit.ClusterWorkerMain;
import dev.baton.testkit.CrashCheck;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes around Redis, every node on the server's clock as in production: a worker JVM killed
 * with SIGKILL, the standalone server killed with SIGKILL and started again from its AOF, and the
 * Sentinel group's master killed so that the replica takes over. Each prints what it measured.
 */
@RedisTest
class RedisCrashTest {
  private static final Duration LONG = Duration.ofMinutes(3);

  private final List<Process> nodes = new ArrayList<>();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<String> used = new ArrayList<>();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @AfterEach
  void stop() throws Exception {
    ChildJvm.stopAll(nodes);
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
    // Whatever a test killed comes back for the next one, and no keys stay behind.
    services("start");
    for (String url : used) {
      try (TaskStore store = open(url)) {
        empty(store);
      }
    }
  }

  private static TaskStore open(String url) {
    return StoreProviders.open(url, new StoreContext(InstantSource.system()));
  }

  /** A store on url with no tasks or entries left from an earlier run. */
  private static TaskStore openEmpty(String url) {
    TaskStore store = open(url);
    empty(store);
    return store;
  }

  private static void empty(TaskStore store) {
    store.clear();
    store.kv().clear();
  }

  private String url(TestRedis server, String name) {
    String url = server.url(TestRedis.prefix(getClass()) + "-" + name, "");
    used.add(url);
    return url;
  }

  @Test
  void a_worker_jvm_killed_half_way_loses_nothing_and_only_its_running_tasks_run_twice()
      throws Exception {
    int tasks = 20_000;
    String url = url(TestRedis.STANDALONE, "kill");
    try (TaskStore observer = openEmpty(url)) {
      enqueue(observer, "k", 0, tasks);
      for (int i = 1; i <= 3; i++) {
        nodes.add(
            ChildJvm.start(
                ClusterWorkerMain.class,
                dir.resolve("node-" + i + ".log"),
                url,
                "node-" + i,
                "16"));
      }
      CrashCheck.Result result =
          CrashCheck.killHalfWay(nodes.get(0), "node-1", observer, tasks, LONG);
      System.out.printf(
          "RedisCrashTest (standalone, AOF everysec): %d tasks on 3 worker JVMs,"
              + " node-1 killed with SIGKILL after %d succeeded; 0 lost; %s (lease %s, reaper %s)%n",
          tasks, tasks / 2, result.describe(), ClusterWorkerMain.LEASE, ClusterWorkerMain.REAPER);
    }
  }

  @Test
  void the_server_killed_and_restarted_from_its_aof_keeps_everything_acknowledged_a_second_before()
      throws Exception {
    String url = url(TestRedis.STANDALONE, "aof");
    TaskStore store = openEmpty(url);
    closing.add(store);
    Baton worker = worker(url, "aof-worker");
    Producer producer = new Producer(store, "a");
    Awaits.await(LONG).alias("3,000 acknowledged enqueues").until(() -> producer.acked() >= 3_000);

    Instant killedAt = Instant.now();
    killServer(TestRedis.SERVICES.resolve("standalone").resolve("redis.pid"));
    producer.halt();
    Instant restartAt = Instant.now();
    services("start");
    Instant upAt = Instant.now();
    producer.stop();

    Set<String> present = presentIds(store);
    Instant safe = killedAt.minusSeconds(1);
    List<String> lostOld =
        producer.ackedBefore(safe).stream().filter(id -> !present.contains(id)).toList();
    List<String> lostRecent =
        producer.ackedAfter(safe).stream().filter(id -> !present.contains(id)).toList();
    assertThat(lostOld).as("acknowledged more than 1 s before the kill, then lost").isEmpty();

    Awaits.await(LONG)
        .alias("the worker to finish every task after the restart")
        .until(() -> succeeded(store) == present.size());
    System.out.printf(
        "RedisCrashTest (standalone, AOF everysec): redis-server killed with SIGKILL"
            + " after %d acknowledged enqueues while a worker ran them, restarted from its AOF by"
            + " scripts/services in %d ms; lost: 0 acknowledged more than 1 s before the kill, %d of %d acknowledged"
            + " in its last second; the worker reconnected by itself and finished all %d%n",
        producer.acked(),
        Duration.between(restartAt, upAt).toMillis(),
        lostRecent.size(),
        producer.ackedAfter(safe).size(),
        present.size());
    worker.close();
  }

  @Test
  void workers_follow_a_sentinel_failover_and_the_loss_is_counted() throws Exception {
    // A group started a moment ago: the sentinels find the replica through the master's INFO.
    Awaits.await(LONG)
        .alias("Sentinel to know a replica in sync")
        .until(RedisCrashTest::replicaInSync);
    String url = url(TestRedis.SENTINEL, "failover");
    TaskStore store = openEmpty(url);
    closing.add(store);
    Baton worker = worker(url, "failover-worker");
    Producer producer = new Producer(store, "f");
    Awaits.await(LONG).alias("3,000 acknowledged enqueues").until(() -> producer.acked() >= 3_000);

    int oldMaster = masterPort();
    Instant killedAt = Instant.now();
    killServer(
        TestRedis.SERVICES
            .resolve(oldMaster == 56380 ? "sentinel-master" : "sentinel-replica")
            .resolve("redis.pid"));
    producer.halt();
    Awaits.await(LONG)
        .alias("Sentinel to promote the replica")
        .until(() -> masterPort() != oldMaster);
    Instant promotedAt = Instant.now();
    producer.stop();

    // The same store, untouched, must now write to the new master.
    enqueue(store, "after", 0, 1_000);
    Set<String> present = presentIds(store);
    List<String> acked = producer.ackedBefore(Instant.MAX);
    long lost = acked.stream().filter(id -> !present.contains(id)).count();
    Awaits.await(LONG)
        .alias("the worker to finish every task on the new master")
        .until(() -> succeeded(store) == present.size());
    System.out.printf(
        "RedisCrashTest (Sentinel, AOF everysec, asynchronous replication): master"
            + " :%d killed with SIGKILL after %d acknowledged enqueues; replica promoted %d ms"
            + " later; %d acknowledged enqueues lost (written to the master, not yet replicated);"
            + " the worker followed the new master and finished all %d tasks%n",
        oldMaster,
        acked.size(),
        Duration.between(killedAt, promotedAt).toMillis(),
        lost,
        present.size());
    worker.close();
  }

  private Baton worker(String url, String node) {
    Baton baton =
        Baton.builder()
            .backend(url)
            .nodeId(node)
            .workers(8)
            .lease(ClusterWorkerMain.LEASE)
            .reaperPeriod(ClusterWorkerMain.REAPER)
            .handle(WORK, (work, ctx) -> work.n())
            .start();
    closing.add(baton);
    return baton;
  }

  /**
   * Enqueues batches of 100 in a thread until stopped, keeping when each batch was acknowledged.
   */
  private static final class Producer {
    private final Map<String, Instant> acked = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong count = new AtomicLong();
    private final Thread thread;

    Producer(TaskStore store, String prefix) {
      thread =
          Thread.ofPlatform()
              .name("producer")
              .start(
                  () -> {
                    int n = 0;
                    while (running.get()) {
                      List<NewTask> batch = new ArrayList<>();
                      for (int i = 0; i < 100; i++, n++) {
                        batch.add(task(prefix + "-" + n, n));
                      }
                      try {
                        store.enqueue(batch);
                      } catch (RuntimeException e) {
                        return; // the server is gone: what was not acknowledged does not count
                      }
                      if (!running.get()) {
                        return; // acknowledged after the kill: it proves nothing either way
                      }
                      Instant now = Instant.now();
                      batch.forEach(t -> acked.put(t.id().value(), now));
                      count.addAndGet(batch.size());
                    }
                  });
    }

    long acked() {
      return count.get();
    }

    /** Stops producing; a call in flight may still wait for the server. */
    void halt() {
      running.set(false);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(Duration.ofMinutes(2));
    }

    List<String> ackedBefore(Instant at) {
      return acked.entrySet().stream()
          .filter(e -> e.getValue().isBefore(at))
          .map(Map.Entry::getKey)
          .toList();
    }

    List<String> ackedAfter(Instant at) {
      return acked.entrySet().stream()
          .filter(e -> !e.getValue().isBefore(at))
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  private static NewTask task(String id, int n) {
    return NewTask.builder()
        .id(TaskId.of(id))
        .type(WORK.name())
        .queue(WORK.queue())
        .payload("{\"n\":" + n + "}")
        .priority(5)
        .maxAttempts(3)
        .build();
  }

  private static void enqueue(TaskStore store, String prefix, int from, int tasks) {
    List<NewTask> batch = new ArrayList<>();
    for (int i = from; i < from + tasks; i++) {
      batch.add(task(prefix + "-" + i, i));
      if (batch.size() == 1000) {
        store.enqueue(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.enqueue(batch);
    }
  }

  private static Set<String> presentIds(TaskStore store) {
    Set<String> ids = new HashSet<>();
    long after = 0;
    while (true) {
      List<TaskRecord> page = store.scan(after, 1000);
      if (page.isEmpty()) {
        return ids;
      }
      page.forEach(t -> ids.add(t.id().value()));
      after = page.get(page.size() - 1).sequence();
    }
  }

  private static void killServer(Path pidFile) throws IOException {
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle server =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    server.destroyForcibly();
    Awaits.await(LONG).alias("redis-server " + pid + " to die").until(() -> !server.isAlive());
  }

  private static int masterPort() {
    RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:56390"));
    try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
      SocketAddress address = sentinel.sync().getMasterAddrByName("baton");
      return ((java.net.InetSocketAddress) address).getPort();
    } finally {
      client.shutdown();
    }
  }

  private static boolean replicaInSync() {
    RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:56390"));
    try (StatefulRedisSentinelConnection<String, String> sentinel = client.connectSentinel()) {
      return sentinel.sync().replicas("baton").stream()
          .anyMatch(
              replica ->
                  "slave".equals(replica.get("flags"))
                      && "ok".equals(replica.get("master-link-status")));
    } finally {
      client.shutdown();
    }
  }

  private void services(String command) throws IOException, InterruptedException {
    Path script =
        Path.of(System.getProperty("user.dir")).resolve("../scripts/services").normalize();
    Path log = Files.createTempFile("baton-redis-services", ".log");
    Process process =
        new ProcessBuilder(script.toString(), command, "redis")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES))
        .as("scripts/services %s redis", command)
        .isTrue();
    assertThat(process.exitValue()).as("scripts/services %s redis; see %s", command, log).isZero();
  }
}
