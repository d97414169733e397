package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MariaDB (10.6 or newer) and MySQL: rows lock, so claims take their candidates {@code FOR UPDATE
 * SKIP LOCKED}; with no {@code UPDATE ... RETURNING}, a claim selects, updates and reads back in
 * one transaction. Connections run at READ COMMITTED, so those locking reads take no gap locks that
 * would block enqueues. Text columns use a binary, no-pad collation: ids, keys and names compare
 * exactly, case and trailing spaces included. DDL commits by itself here, so every schema step is
 * safe to run twice; a named lock keeps nodes from migrating at once.
 */
final class MariaDbDialect implements Dialect {
  private static final String TABLE_OPTIONS =
      " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin";
  private static final String SCHEMA_LOCK = "CONCAT(DATABASE(), '.baton_schema_version')";

  @Override
  public String name() {
    return "MariaDB";
  }

  @Override
  public List<Migration> migrations() {
    return List.of(
        new Migration(
            1,
            "tasks, key-value entries and schedules",
            List.of(
                """
        CREATE TABLE IF NOT EXISTS baton_tasks (
          seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          id VARCHAR(200) NOT NULL,
          type VARCHAR(255) NOT NULL,
          queue VARCHAR(255) NOT NULL,
          payload LONGTEXT NOT NULL,
          priority INT NOT NULL,
          run_at BIGINT NOT NULL,
          status VARCHAR(16) NOT NULL,
          attempts INT NOT NULL,
          max_attempts INT NOT NULL,
          timeout_nanos BIGINT NULL,
          lease_owner VARCHAR(255) NULL,
          lease_token VARCHAR(255) NULL,
          lease_deadline BIGINT NULL,
          state LONGTEXT NULL,
          result LONGTEXT NULL,
          errors LONGTEXT NOT NULL,
          execution_nanos BIGINT NOT NULL,
          correlation_id VARCHAR(255) NULL,
          owner VARCHAR(255) NULL,
          schedule_id VARCHAR(255) NULL,
          created_at BIGINT NOT NULL,
          started_at BIGINT NULL,
          finished_at BIGINT NULL,
          updated_at BIGINT NOT NULL,
          UNIQUE KEY baton_tasks_id (id),
          KEY baton_tasks_ready (status, queue, priority DESC, run_at, seq),
          KEY baton_tasks_next (status, queue, type, run_at),
          KEY baton_tasks_lease (status, lease_deadline))"""
                    + TABLE_OPTIONS,
                """
        CREATE TABLE IF NOT EXISTS baton_kv (
          entry_key VARCHAR(512) NOT NULL PRIMARY KEY,
          entry_value LONGTEXT NOT NULL,
          expires_at BIGINT NULL,
          KEY baton_kv_expiry (expires_at))"""
                    + TABLE_OPTIONS,
                """
        CREATE TABLE IF NOT EXISTS baton_schedules (
          name VARCHAR(255) NOT NULL PRIMARY KEY,
          kind VARCHAR(32) NOT NULL,
          expression VARCHAR(1024) NOT NULL,
          zone VARCHAR(255) NULL,
          task_type VARCHAR(255) NOT NULL,
          payload LONGTEXT NOT NULL,
          queue VARCHAR(255) NOT NULL,
          priority INT NOT NULL,
          max_runs BIGINT NOT NULL,
          run_count BIGINT NOT NULL,
          enabled BOOLEAN NOT NULL,
          last_run_at BIGINT NULL,
          next_run_at BIGINT NULL,
          description TEXT NULL,
          misfire_policy VARCHAR(32) NOT NULL,
          created_at BIGINT NOT NULL,
          updated_at BIGINT NOT NULL,
          version BIGINT NOT NULL)"""
                    + TABLE_OPTIONS)),
        // Retention deletes the oldest finished tasks in chunks, in finish order. MariaDB has no
        // partial indexes; the unfinished tasks' NULLs sort first and the range skips them.
        new Migration(
            2,
            "index for deleting finished tasks by finish time",
            List.of(
                "CREATE INDEX IF NOT EXISTS baton_tasks_finished ON baton_tasks (finished_at)")),
        new Migration(
            3,
            "task counts kept by triggers",
            List.of(
                "CREATE TABLE IF NOT EXISTS "
                    + TaskCounts.TOTALS
                    + " (queue VARCHAR(255) NOT NULL,"
                    + " type VARCHAR(255) NOT NULL, status VARCHAR(16) NOT NULL, n BIGINT NOT NULL,"
                    + " PRIMARY KEY (queue, type, status))"
                    + TABLE_OPTIONS,
                "CREATE TABLE IF NOT EXISTS "
                    + TaskCounts.CHANGES
                    + " ("
                    + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, queue VARCHAR(255) NOT NULL,"
                    + " type VARCHAR(255) NOT NULL, from_status VARCHAR(16) NULL,"
                    + " to_status VARCHAR(16) NULL, n BIGINT NOT NULL)"
                    + TABLE_OPTIONS,
                // Row triggers only here: one appended row per change of status.
                "CREATE TRIGGER IF NOT EXISTS baton_tasks_count_insert AFTER INSERT ON baton_tasks"
                    + " FOR EACH ROW INSERT INTO "
                    + TaskCounts.CHANGES
                    + " (queue, type, to_status, n) VALUES (NEW.queue, NEW.type, NEW.status, 1)",
                "CREATE TRIGGER IF NOT EXISTS baton_tasks_count_update AFTER UPDATE ON baton_tasks"
                    + " FOR EACH ROW INSERT INTO "
                    + TaskCounts.CHANGES
                    + " (queue, type, from_status, to_status, n)"
                    + " SELECT NEW.queue, NEW.type, OLD.status, NEW.status, 1 FROM DUAL"
                    + " WHERE OLD.status <> NEW.status",
                "CREATE TRIGGER IF NOT EXISTS baton_tasks_count_delete AFTER DELETE ON baton_tasks"
                    + " FOR EACH ROW INSERT INTO "
                    + TaskCounts.CHANGES
                    + " (queue, type, from_status, n) VALUES (OLD.queue, OLD.type, OLD.status, 1)",
                // Tasks written by an older node between the triggers and this count are counted
                // twice; upgrade with the other nodes stopped when the counts must be exact at
                // once.
                "INSERT IGNORE INTO "
                    + TaskCounts.TOTALS
                    + " (queue, type, status, n)"
                    + " SELECT queue, type, status, COUNT(*) FROM baton_tasks"
                    + " GROUP BY queue, type, status")),
        // Without partial indexes, an index led by status and queue cannot give claim order
        // across QUEUED and SUSPENDED at once, and the claim sorted every waiting task. The
        // virtual column holds the queue of waiting tasks only (NULL otherwise), so one range of
        // this index holds a queue's waiting tasks in claim order and the claim reads LIMIT rows.
        new Migration(
            4,
            "claim index in claim order",
            List.of(
                "ALTER TABLE baton_tasks ADD COLUMN IF NOT EXISTS waiting_queue VARCHAR(255)"
                    + " AS (IF("
                    + TaskSql.WAITING
                    + ", queue, NULL)) VIRTUAL",
                "CREATE INDEX IF NOT EXISTS baton_tasks_claim ON baton_tasks"
                    + " (waiting_queue, priority DESC, run_at, seq)",
                "DROP INDEX IF EXISTS baton_tasks_ready ON baton_tasks")),
        // Each task keeps the retry policy it was enqueued with; NULL for the tasks before.
        new Migration(
            5,
            "retry policy stored with each task",
            List.of("ALTER TABLE baton_tasks ADD COLUMN IF NOT EXISTS retry_policy TEXT")));
  }

  @Override
  public boolean maintainsCounts() {
    return true;
  }

  @Override
  public String upsertAdding(String table, List<String> keys, String column) {
    List<String> columns = new ArrayList<>(keys);
    columns.add(column);
    return Dialect.insert(table, columns)
        + " ON DUPLICATE KEY UPDATE "
        + column
        + " = "
        + column
        + " + VALUES("
        + column
        + ")";
  }

  @Override
  public String insertIgnore(String table, List<String> columns, String key) {
    // IGNORE skips the duplicate key (update count 0). Every value Baton inserts is checked before,
    // so the other errors IGNORE would turn into warnings do not arise.
    return Dialect.insert(table, columns).replaceFirst("INSERT INTO", "INSERT IGNORE INTO");
  }

  @Override
  public String upsert(String table, List<String> columns, String key) {
    String updates =
        columns.stream()
            .filter(column -> !column.equals(key))
            .map(column -> column + " = VALUES(" + column + ")")
            .collect(Collectors.joining(", "));
    return Dialect.insert(table, columns) + " ON DUPLICATE KEY UPDATE " + updates;
  }

  @Override
  public String appendJson(String column) {
    return "CONCAT(TRIM(TRAILING ']' FROM "
        + column
        + "), IF("
        + column
        + " = '[]', '', ','),"
        + " ?, ']')";
  }

  @Override
  public String lockCandidates() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  public String waitingIn(int queues) {
    return queues == 1
        ? "waiting_queue = ?"
        : "waiting_queue IN (" + Sql.placeholders(queues) + ")";
  }

  @Override
  public boolean claimsQueueByQueue() {
    return true;
  }

  @Override
  public boolean updateReturning() {
    return false;
  }

  @Override
  public String withIndex(String table, String index) {
    return table;
  }

  @Override
  public void lockSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT GET_LOCK(" + SCHEMA_LOCK + ", 60)")) {
      if (!row.next() || row.getInt(1) != 1) {
        throw new SQLException("waited 60 s for another node's schema migration to finish");
      }
    }
  }

  @Override
  public void unlockSchema(Connection connection) throws SQLException {
    Dialect.execute(connection, "DO RELEASE_LOCK(" + SCHEMA_LOCK + ")");
  }

  @Override
  public String clockQuery() {
    // Arithmetic on UTC datetimes: no session time zone, no DST fold, can change the answer.
    return "SELECT TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6))";
  }
}
