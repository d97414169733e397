package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskStatus;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteStoreProviderTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private TaskStore open(String url) {
    return new SqliteStoreProvider().open(url, new StoreContext(clock));
  }

  @Test
  void the_provider_is_found_by_its_url_scheme_and_creates_missing_folders() {
    Path file = dir.resolve("data/nested/baton.db");
    try (Baton baton = Baton.builder().backend("sqlite:" + file).workers(0).start()) {
      assertThat(baton.backend().capabilities().durable()).isTrue();
    }
    assertThat(file).isRegularFile();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sqlite:",
        "sqlite:  ",
        "sqlite://host/baton.db",
        "sqlite::memory:",
        "sqlite:baton.db?cache=shared",
        "sqlite:data/",
        "sqlite: baton.db"
      })
  void a_malformed_url_is_refused_naming_the_url(String url) {
    assertThatThrownBy(() -> open(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + url + "'")
        .hasMessageContaining("sqlite:PATH");
  }

  @Test
  void a_url_naming_a_folder_is_refused() {
    assertThatThrownBy(() -> open("sqlite:" + dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void the_database_runs_in_wal_mode_with_its_schema_versioned() throws SQLException {
    Path file = dir.resolve("baton.db");
    open("sqlite:" + file).close();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      assertThat(text(statement, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(text(statement, "SELECT MAX(version) FROM baton_schema_version"))
          .isEqualTo(String.valueOf(new SqliteDialect().migrations().size()));
    }
  }

  @Test
  void tasks_survive_closing_and_reopening_the_store() {
    String url = "sqlite:" + dir.resolve("baton.db");
    try (TaskStore store = open(url)) {
      store.enqueue(List.of(TestTasks.newTask("kept").build()));
    }
    try (TaskStore store = open(url)) {
      assertThat(store.get(TaskId.of("kept")).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }
  }

  @Test
  void a_database_made_at_schema_version_one_is_upgraded_and_keeps_its_tasks() throws SQLException {
    Path file = dir.resolve("baton.db");
    try (TaskStore store = open("sqlite:" + file)) {
      store.enqueue(List.of(TestTasks.newTask("old").build()));
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      statement.execute("DROP INDEX baton_tasks_next");
      statement.execute("DROP INDEX baton_tasks_finished");
      statement.execute(
          "CREATE INDEX baton_tasks_due ON baton_tasks (run_at)"
              + " WHERE status IN ('QUEUED','SUSPENDED')");
      statement.execute("ALTER TABLE baton_tasks DROP COLUMN retry_policy");
      statement.execute("DELETE FROM baton_schema_version WHERE version > 1");
    }

    try (TaskStore store = open("sqlite:" + file)) {
      assertThat(store.get(TaskId.of("old")))
          .get()
          .extracting(dev.baton.TaskRecord::retryPolicy)
          .isNull();
      assertThat(
              store.nextRunAt(java.util.Set.of(TestTasks.QUEUE), java.util.Set.of(TestTasks.TYPE)))
          .contains(clock.instant());
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      assertThat(text(statement, "SELECT MAX(version) FROM baton_schema_version"))
          .isEqualTo(String.valueOf(new SqliteDialect().migrations().size()));
      assertThat(
              text(
                  statement,
                  "SELECT group_concat(name) FROM sqlite_master WHERE type = 'index'"
                      + " AND name LIKE 'baton_tasks_%'"))
          .contains("baton_tasks_next", "baton_tasks_finished")
          .doesNotContain("due");
    }
  }

  @Test
  void a_schema_newer_than_this_baton_is_refused() throws SQLException {
    Path file = dir.resolve("baton.db");
    open("sqlite:" + file).close();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = raw.createStatement()) {
      statement.execute("INSERT INTO baton_schema_version VALUES (999, 'from the future', 0)");
    }
    assertThatThrownBy(() -> open("sqlite:" + file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("version 999")
        .hasMessageContaining("upgrade Baton");
  }

  @Test
  void a_database_failure_says_what_baton_was_doing_and_keeps_the_driver_message()
      throws SQLException {
    Path file = dir.resolve("baton.db");
    try (TaskStore store = open("sqlite:" + file)) {
      try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = raw.createStatement()) {
        statement.execute("DROP TABLE baton_tasks");
      }
      assertThatThrownBy(() -> store.get(TaskId.of("x")))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("reading task x")
          .hasMessageContaining("no such table: baton_tasks")
          .hasCauseInstanceOf(SQLException.class);
    }
  }

  @Test
  void close_is_idempotent_and_later_calls_fail_clearly() {
    TaskStore store = open("sqlite:" + dir.resolve("baton.db"));
    store.close();
    store.close();
    assertThatThrownBy(store::ping)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("closed");
  }

  @RepeatedTest(10)
  void two_stores_opening_a_fresh_file_at_once_both_work() throws Exception {
    String url = "sqlite:" + dir.resolve("race.db");
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<Future<?>> opens =
          List.of(threads.submit(() -> openWhen(go, url)), threads.submit(() -> openWhen(go, url)));
      go.countDown();
      for (Future<?> open : opens) {
        open.get();
      }
    }
    try (TaskStore store = open(url)) {
      store.ping();
    }
    try (Connection raw = DriverManager.getConnection("jdbc:" + url);
        Statement statement = raw.createStatement()) {
      assertThat(text(statement, "SELECT COUNT(*) FROM baton_schema_version"))
          .isEqualTo(String.valueOf(new SqliteDialect().migrations().size()));
    }
  }

  private Void openWhen(CountDownLatch go, String url) throws InterruptedException {
    go.await();
    open(url).close();
    return null;
  }

  private static String text(Statement statement, String query) throws SQLException {
    try (ResultSet row = statement.executeQuery(query)) {
      row.next();
      return row.getString(1);
    }
  }
}
