package dev.baton.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * SQLite: WAL journal, {@code synchronous=NORMAL} (a commit survives a process crash; the last
 * commits before a power loss may not), one writer per process, claims as one {@code UPDATE ...
 * RETURNING}. Nothing locks rows: the write lock is the whole database, taken at {@code BEGIN
 * IMMEDIATE}.
 */
final class SqliteDialect implements Dialect {
  /** How long a writer waits for another process's write transaction before failing. */
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

  private static final int SQLITE_BUSY = 5;
  private static final String WAITING = "status IN ('QUEUED','SUSPENDED')";

  @Override
  public String name() {
    return "SQLite";
  }

  /** Opens a connection to the file in WAL mode with Baton's settings. */
  static Connection open(Path file) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("busy_timeout", Long.toString(BUSY_TIMEOUT.toMillis()));
    // Otherwise sqlite-jdbc runs "SELECT last_insert_rowid()" after every INSERT, in case someone
    // asks for generated keys; nobody here does, and it cost a third of each enqueue.
    properties.setProperty("jdbc.get_generated_keys", "false");
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    try {
      enableWal(connection);
      Dialect.execute(connection, "PRAGMA synchronous = NORMAL");
      // 16 MiB of page cache per connection (SQLite's default is 2 MiB): the ready index and the
      // hot end of the task table stay in memory under load, yet an idle process stays small.
      Dialect.execute(connection, "PRAGMA cache_size = -16384");
      Dialect.execute(connection, "PRAGMA temp_store = MEMORY");
      return connection;
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Switches the file to WAL (a no-op once done: the mode is stored in the file). Switching a fresh
   * file needs a moment alone with it, and SQLite answers SQLITE_BUSY at once, without its busy
   * handler, when another process opens the file at the same instant; so retry here.
   */
  private static void enableWal(Connection connection) throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
    while (true) {
      try (Statement statement = connection.createStatement();
          ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        String journal = mode.next() ? mode.getString(1) : "unknown";
        if (!journal.equalsIgnoreCase("wal")) {
          throw new SQLException(
              "SQLite kept journal mode '"
                  + journal
                  + "' instead of WAL;"
                  + " is the file on a file system without shared memory, such as NFS?");
        }
        return;
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xFF) != SQLITE_BUSY || System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
    }
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
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          queue TEXT NOT NULL,
          payload TEXT NOT NULL,
          priority INTEGER NOT NULL,
          run_at INTEGER NOT NULL,
          status TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          max_attempts INTEGER NOT NULL,
          timeout_nanos INTEGER,
          lease_owner TEXT,
          lease_token TEXT,
          lease_deadline INTEGER,
          state TEXT,
          result TEXT,
          errors TEXT NOT NULL,
          execution_nanos INTEGER NOT NULL,
          correlation_id TEXT,
          owner TEXT,
          schedule_id TEXT,
          created_at INTEGER NOT NULL,
          started_at INTEGER,
          finished_at INTEGER,
          updated_at INTEGER NOT NULL)""",
                // Claims of one queue walk this index in claim order and stop after LIMIT rows;
                // finished
                // tasks leave it, so it stays as small as the backlog. Claims name it (INDEXED BY):
                // the
                // planner would otherwise pick an index on the filter columns and sort the whole
                // backlog.
                "CREATE INDEX IF NOT EXISTS baton_tasks_ready ON baton_tasks (queue, priority DESC, run_at, seq)"
                    + " WHERE "
                    + WAITING,
                "CREATE INDEX IF NOT EXISTS baton_tasks_due ON baton_tasks (run_at) WHERE "
                    + WAITING,
                // expireLeases (RUNNING, deadline passed), listing and counting by status.
                "CREATE INDEX IF NOT EXISTS baton_tasks_status ON baton_tasks (status, lease_deadline)",
                """
        CREATE TABLE IF NOT EXISTS baton_kv (
          entry_key TEXT PRIMARY KEY,
          entry_value TEXT NOT NULL,
          expires_at INTEGER) WITHOUT ROWID""",
                "CREATE INDEX IF NOT EXISTS baton_kv_expiry ON baton_kv (expires_at)"
                    + " WHERE expires_at IS NOT NULL",
                """
        CREATE TABLE IF NOT EXISTS baton_schedules (
          name TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          expression TEXT NOT NULL,
          zone TEXT,
          task_type TEXT NOT NULL,
          payload TEXT NOT NULL,
          queue TEXT NOT NULL,
          priority INTEGER NOT NULL,
          max_runs INTEGER NOT NULL,
          run_count INTEGER NOT NULL,
          enabled INTEGER NOT NULL,
          last_run_at INTEGER,
          next_run_at INTEGER,
          description TEXT,
          misfire_policy TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          version INTEGER NOT NULL) WITHOUT ROWID""")),
        // nextRunAt looks up the earliest waiting task per queue and type, instead of walking all
        // waiting tasks by run-at past those of types no node in the claim handles.
        new Migration(
            2,
            "index for the next due task per queue and type",
            List.of(
                "DROP INDEX IF EXISTS baton_tasks_due",
                "CREATE INDEX IF NOT EXISTS baton_tasks_next ON baton_tasks (queue, type, run_at)"
                    + " WHERE "
                    + WAITING)),
        // Retention deletes the oldest finished tasks in chunks; only finished tasks have a
        // finish time, so the index holds them alone and each chunk reads its rows in order.
        new Migration(
            3,
            "index for deleting finished tasks by finish time",
            List.of(
                "CREATE INDEX IF NOT EXISTS baton_tasks_finished ON baton_tasks (finished_at)"
                    + " WHERE finished_at IS NOT NULL")),
        // Each task keeps the retry policy it was enqueued with; NULL for the tasks before.
        // SQLite has no ADD COLUMN IF NOT EXISTS: the migration runs once, in its transaction.
        new Migration(
            4,
            "retry policy stored with each task",
            List.of("ALTER TABLE baton_tasks ADD COLUMN retry_policy TEXT")));
  }

  @Override
  public String appendJson(String column) {
    return "json_insert(" + column + ", '$[#]', json(?))";
  }

  @Override
  public String lockCandidates() {
    return "";
  }

  @Override
  public boolean updateReturning() {
    return true;
  }

  @Override
  public String withIndex(String table, String index) {
    return table + " INDEXED BY " + index;
  }

  @Override
  public void begin(Connection connection) throws SQLException {
    // IMMEDIATE takes the write lock now, waiting up to busy_timeout for other processes, instead
    // of failing with SQLITE_BUSY when a read transaction later needs to write. sqlite-jdbc's own
    // auto-commit switch would re-open a transaction right after each commit and hold the lock.
    Dialect.execute(connection, "BEGIN IMMEDIATE");
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    Dialect.execute(connection, "COMMIT");
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    Dialect.execute(connection, "ROLLBACK");
  }
}
