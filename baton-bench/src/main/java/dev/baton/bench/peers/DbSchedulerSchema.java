package dev.baton.bench.peers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** db-scheduler's table on PostgreSQL: db-scheduler leaves it to the user. */
public final class DbSchedulerSchema {
  /** The version the bench module depends on, named next to its figures. */
  public static final String VERSION = "16.7.1";

  private DbSchedulerSchema() {}

  /**
   * Creates the table and its indexes unless they exist: the columns db-scheduler reads and writes,
   * as its documentation gives them for PostgreSQL.
   *
   * @param pool a pool on the database
   * @throws IllegalStateException when a statement fails
   */
  public static void create(DataSource pool) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS scheduled_tasks (task_name TEXT NOT NULL,"
              + " task_instance TEXT NOT NULL, task_data BYTEA,"
              + " execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,"
              + " last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ, consecutive_failures INT,"
              + " last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL, priority SMALLINT,"
              + " PRIMARY KEY (task_name, task_instance))");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS execution_time_idx ON scheduled_tasks (execution_time)");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
      statement.execute(
          "CREATE INDEX IF NOT EXISTS priority_execution_time_idx"
              + " ON scheduled_tasks (priority DESC, execution_time ASC)");
    } catch (SQLException e) {
      throw new IllegalStateException("creating db-scheduler's table failed: " + e.getMessage(), e);
    }
  }
}
