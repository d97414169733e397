package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.QueueCount;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the server stores add to the contract suite: the database clock and a schema that nodes
 * starting at once create once. A subclass per server, tagged with it.
 */
abstract class ServerStoreTest {
  private final TestServer server;
  private final Dialect dialect;

  ServerStoreTest(TestServer server, Dialect dialect) {
    this.server = server;
    this.dialect = dialect;
  }

  @Test
  void by_default_the_store_keeps_time_by_the_database_not_by_the_callers_clock() {
    ManualClock skewed = new ManualClock(Instant.parse("2001-01-01T00:00:00Z"));
    try (TaskStore store =
        StoreProviders.open(server.url(getClass(), ""), new StoreContext(skewed))) {
      assertThat(store.capabilities().callerClock()).isFalse();
      assertThat(store.capabilities().durable()).isTrue();

      store.enqueue(List.of(TestTasks.newTask("on-db-time").build()));
      List<TaskRecord> claimed =
          store.claim(
              new Claim(
                  "node",
                  "t1",
                  Set.of(TestTasks.QUEUE),
                  Set.of(TestTasks.TYPE),
                  1,
                  Duration.ofSeconds(30)));

      Instant databaseNow = databaseNow();
      TaskRecord task = claimed.get(0);
      assertThat(task.runAt()).isCloseTo(databaseNow, within(5, ChronoUnit.SECONDS));
      assertThat(task.leaseDeadline())
          .isCloseTo(databaseNow.plusSeconds(30), within(5, ChronoUnit.SECONDS));
      assertThat(store.get(TaskId.of("on-db-time")).orElseThrow().createdAt())
          .isAfter(skewed.instant().plus(Duration.ofDays(365)));
    }
  }

  @Test
  void nodes_opening_a_fresh_schema_at_once_create_it_once() throws Exception {
    int nodes = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    List<TaskStore> stores = new ArrayList<>();
    try (Connection connection = server.admin();
        Statement statement = connection.createStatement()) {
      for (String table :
          List.of("baton_schema_version", "baton_tasks", "baton_kv", "baton_schedules")) {
        statement.execute("DROP TABLE IF EXISTS " + schema() + "." + table);
      }
      List<Future<TaskStore>> opening = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Callable<TaskStore> open =
            () -> {
              go.await();
              return StoreProviders.open(
                  server.url(getClass(), ""), new StoreContext(java.time.InstantSource.system()));
            };
        opening.add(pool.submit(open));
      }
      go.countDown();
      for (Future<TaskStore> store : opening) {
        stores.add(store.get());
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT version, COUNT(*) FROM "
                  + schema()
                  + ".baton_schema_version GROUP BY version ORDER BY version")) {
        for (int version = 1; version <= dialect.migrations().size(); version++) {
          assertThat(rows.next()).as("version %s applied", version).isTrue();
          assertThat(rows.getInt(1)).isEqualTo(version);
          assertThat(rows.getInt(2)).as("times version %s was applied", version).isEqualTo(1);
        }
        assertThat(rows.next()).isFalse();
      }
    } finally {
      stores.forEach(TaskStore::close);
      pool.shutdownNow();
    }
  }

  @Test
  void a_schema_from_before_the_retry_policy_column_is_upgraded_and_keeps_its_tasks()
      throws Exception {
    int latest = dialect.migrations().size();
    try (TaskStore store = server.openEmpty(getClass(), java.time.InstantSource.system())) {
      store.enqueue(List.of(TestTasks.newTask("old").build()));
    }
    try (Connection connection = server.admin();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE " + schema() + ".baton_tasks DROP COLUMN retry_policy");
      statement.execute(
          "DELETE FROM " + schema() + ".baton_schema_version WHERE version = " + latest);
    }
    try (TaskStore store =
        StoreProviders.open(
            server.url(getClass(), ""), new StoreContext(java.time.InstantSource.system()))) {
      assertThat(store.get(TaskId.of("old")).orElseThrow().retryPolicy()).isNull();
      store.enqueue(
          List.of(TestTasks.newTask("new").retryPolicy("fixed delay=PT1H retries=2").build()));
      assertThat(store.get(TaskId.of("new")).orElseThrow().retryPolicy())
          .isEqualTo("fixed delay=PT1H retries=2");
    }
  }

  @Test
  void counts_stay_right_when_their_changes_are_folded_into_the_totals() throws Exception {
    try (TaskStore opened = server.openEmpty(getClass(), java.time.InstantSource.system())) {
      JdbcStore store = (JdbcStore) opened;
      store.enqueue(
          List.of(
              TestTasks.newTask("a").build(),
              TestTasks.newTask("b").build(),
              TestTasks.newTask("c").queue("q2").build()));
      TaskRecord claimed = claimOne(store, "t1");
      store.settle(
          List.of(new Settlement.Succeed(new Lease(claimed.id(), "t1"), null, Duration.ZERO)));
      List<QueueCount> expected =
          List.of(
              new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.SUCCEEDED, 1),
              new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.QUEUED, 1),
              new QueueCount("q2", TestTasks.TYPE, TaskStatus.QUEUED, 1));
      assertThat(store.counts()).containsExactlyInAnyOrderElementsOf(expected);

      store.foldCounts();
      // The store's own fold thread may hold some rows for a moment; it folds them itself.
      Awaits.await().alias("every change folded").until(() -> changeRows() == 0);
      assertThat(store.counts()).containsExactlyInAnyOrderElementsOf(expected);

      claimOne(store, "t2");
      store.foldCounts();
      assertThat(store.counts())
          .containsExactlyInAnyOrder(
              new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.SUCCEEDED, 1),
              new QueueCount(TestTasks.QUEUE, TestTasks.TYPE, TaskStatus.RUNNING, 1),
              new QueueCount("q2", TestTasks.TYPE, TaskStatus.QUEUED, 1));
    }
  }

  private static TaskRecord claimOne(TaskStore store, String token) {
    List<TaskRecord> claimed =
        store.claim(
            new Claim(
                "node",
                token,
                Set.of(TestTasks.QUEUE),
                Set.of(TestTasks.TYPE),
                1,
                Duration.ofSeconds(30)));
    assertThat(claimed).hasSize(1);
    return claimed.get(0);
  }

  private long changeRows() throws Exception {
    try (Connection connection = server.admin();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT COUNT(*) FROM " + schema() + "." + TaskCounts.CHANGES)) {
      row.next();
      return row.getLong(1);
    }
  }

  private String schema() {
    return server.namespace(getClass());
  }

  private Instant databaseNow() {
    try (Connection connection = server.admin();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(dialect.clockQuery())) {
      row.next();
      return Times.instant(row.getLong(1));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
