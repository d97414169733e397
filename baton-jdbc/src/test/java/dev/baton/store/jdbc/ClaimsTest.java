package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Claim;
import dev.baton.spi.NewTask;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim statement's two forms and the indexes they rely on. */
class ClaimsTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  /** SQLite pretending to lack UPDATE ... RETURNING, as MariaDB does. */
  private static final class NoReturning implements Dialect {
    private final SqliteDialect sqlite = new SqliteDialect();

    public String name() {
      return "SQLite without RETURNING";
    }

    public List<Migration> migrations() {
      return sqlite.migrations();
    }

    public String insertIgnore(String t, List<String> c, String k) {
      return sqlite.insertIgnore(t, c, k);
    }

    public String upsert(String t, List<String> c, String k) {
      return sqlite.upsert(t, c, k);
    }

    public String appendJson(String column) {
      return sqlite.appendJson(column);
    }

    public String lockCandidates() {
      return "";
    }

    public boolean updateReturning() {
      return false;
    }

    public String withIndex(String table, String index) {
      return sqlite.withIndex(table, index);
    }

    public void begin(Connection c) throws SQLException {
      sqlite.begin(c);
    }

    public void commit(Connection c) throws SQLException {
      sqlite.commit(c);
    }

    public void rollback(Connection c) throws SQLException {
      sqlite.rollback(c);
    }
  }

  private TaskStore open(Dialect dialect) {
    Path file = dir.resolve("claims.db");
    Database db = new Database(dialect, "test database", () -> SqliteDialect.open(file));
    Schema.migrate(db, clock);
    return new JdbcStore(db, clock);
  }

  private static List<NewTask> mixedTasks() {
    List<NewTask> tasks = new ArrayList<>();
    tasks.add(TestTasks.newTask("low").build());
    tasks.add(TestTasks.newTask("high-late").priority(5).runAt(ManualClock.DEFAULT_START).build());
    tasks.add(
        TestTasks.newTask("high-early")
            .priority(5)
            .runAt(ManualClock.DEFAULT_START.minusSeconds(10))
            .build());
    tasks.add(TestTasks.newTask("other-queue").queue("other").priority(9).build());
    tasks.add(
        TestTasks.newTask("future")
            .priority(10)
            .runAt(ManualClock.DEFAULT_START.plusSeconds(1))
            .build());
    tasks.add(TestTasks.newTask("low-2").build());
    return tasks;
  }

  private static Claim claim(int limit) {
    return new Claim(
        "node",
        "token-" + limit,
        Set.of(TestTasks.QUEUE),
        Set.of(TestTasks.TYPE),
        limit,
        Duration.ofSeconds(30));
  }

  @Test
  void select_then_update_claims_the_same_tasks_in_the_same_order_as_returning() {
    try (TaskStore store = open(new NoReturning())) {
      store.enqueue(mixedTasks());

      List<TaskRecord> claimed = store.claim(claim(3));

      assertThat(claimed)
          .extracting(t -> t.id().value())
          .containsExactly("high-early", "high-late", "low");
      assertThat(claimed)
          .allSatisfy(
              task -> {
                assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
                assertThat(task.attempts()).isEqualTo(1);
                assertThat(task.leaseToken()).isEqualTo("token-3");
              });
      assertThat(store.claim(claim(10))).extracting(t -> t.id().value()).containsExactly("low-2");
    }
  }

  @Test
  void update_returning_claims_in_priority_run_at_and_enqueue_order() {
    try (TaskStore store = open(new SqliteDialect())) {
      store.enqueue(mixedTasks());

      assertThat(store.claim(claim(10)))
          .extracting(t -> t.id().value())
          .containsExactly("high-early", "high-late", "low", "low-2");
    }
  }

  @Test
  void claims_walk_the_ready_index_and_next_run_at_looks_up_each_queue_and_type()
      throws SQLException {
    TaskSql sql = new TaskSql(new SqliteDialect());
    open(new SqliteDialect()).close();
    try (Connection raw = SqliteDialect.open(dir.resolve("claims.db"));
        Statement statement = raw.createStatement()) {
      String plan =
          plan(
              statement,
              sql.claimReturning(1, 1)
                  .replaceFirst("\\?", "1")
                  .replaceFirst("\\?", "'n'")
                  .replaceFirst("\\?", "'t'")
                  .replaceFirst("\\?", "2")
                  .replaceFirst("\\?", "3")
                  .replaceFirst("\\?", "4")
                  .replaceFirst("\\?", "'default'")
                  .replaceFirst("\\?", "'job'")
                  .replaceFirst("\\?", "10"));
      assertThat(plan).contains("baton_tasks_ready").doesNotContain("TEMP B-TREE");
      String expiry =
          plan(statement, sql.expiredLeases.replaceFirst("\\?", "1").replaceFirst("\\?", "10"));
      assertThat(expiry).contains("baton_tasks_status");
      String next =
          plan(
              statement,
              sql.nextRunAt(1, 2)
                  .replaceFirst("\\?", "'default'")
                  .replaceFirst("\\?", "'job'")
                  .replaceFirst("\\?", "'other'"));
      assertThat(next).contains("baton_tasks_next (queue=? AND type=?)");
    }
  }

  private static String plan(Statement statement, String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + query)) {
      while (rows.next()) {
        plan.append(rows.getString(4)).append('\n');
      }
    }
    return plan.toString();
  }
}
