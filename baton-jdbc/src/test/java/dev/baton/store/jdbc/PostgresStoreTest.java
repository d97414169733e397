package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.spi.Claim;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
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

/** What the PostgreSQL store adds to the contract suite: the database clock and its schema. */
@PostgresTest
class PostgresStoreTest {
  private static final TestServer SERVER = TestServer.POSTGRESQL;

  @Test
  void by_default_the_store_keeps_time_by_the_database_not_by_the_callers_clock() {
    ManualClock skewed = new ManualClock(Instant.parse("2001-01-01T00:00:00Z"));
    try (TaskStore store = StoreProviders.open(SERVER.url(getClass(), ""), new StoreContext(skewed))) {
      assertThat(store.capabilities().callerClock()).isFalse();
      assertThat(store.capabilities().durable()).isTrue();

      store.enqueue(List.of(TestTasks.newTask("on-db-time").build()));
      List<TaskRecord> claimed = store.claim(new Claim("node", "t1", Set.of(TestTasks.QUEUE),
          Set.of(TestTasks.TYPE), 1, Duration.ofSeconds(30)));

      Instant databaseNow = databaseNow();
      TaskRecord task = claimed.get(0);
      assertThat(task.runAt()).isCloseTo(databaseNow, within(5, ChronoUnit.SECONDS));
      assertThat(task.leaseDeadline()).isCloseTo(databaseNow.plusSeconds(30), within(5, ChronoUnit.SECONDS));
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
    try (Connection connection = SERVER.admin(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + schema() + ".baton_schema_version, "
          + schema() + ".baton_tasks, " + schema() + ".baton_kv, " + schema() + ".baton_schedules");
      List<Future<TaskStore>> opening = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        Callable<TaskStore> open = () -> {
          go.await();
          return StoreProviders.open(SERVER.url(getClass(), ""), new StoreContext(java.time.InstantSource.system()));
        };
        opening.add(pool.submit(open));
      }
      go.countDown();
      for (Future<TaskStore> store : opening) {
        stores.add(store.get());
      }
      try (ResultSet rows = statement.executeQuery(
          "SELECT version, COUNT(*) FROM " + schema() + ".baton_schema_version GROUP BY version")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(new PostgresDialect().migrations().size());
        assertThat(rows.getInt(2)).isEqualTo(1);
        assertThat(rows.next()).isFalse();
      }
    } finally {
      stores.forEach(TaskStore::close);
      pool.shutdownNow();
    }
  }

  private String schema() {
    String url = SERVER.url(getClass(), "");
    return url.substring(url.indexOf("currentSchema=") + 14, url.indexOf('&'));
  }

  private Instant databaseNow() {
    try (Connection connection = SERVER.admin(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT clock_timestamp()")) {
      row.next();
      return row.getTimestamp(1).toInstant();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
