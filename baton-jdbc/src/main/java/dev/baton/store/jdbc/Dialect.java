package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What differs between the SQL databases Baton runs on. The shared store ({@link JdbcStore} and
 * the SQL classes beside it) writes every statement that all dialects understand; a dialect adds
 * the pieces they spell differently: schema DDL, insert-or-ignore and upsert, appending to a JSON
 * array, how claims lock rows, index hints, and how a write transaction begins.
 */
interface Dialect {

  /** One step of the schema: applied once, in order, inside a transaction. */
  record Migration(int version, String description, List<String> statements) {}

  /** The name used in messages, such as {@code SQLite}. */
  String name();

  /** The schema, oldest step first; versions count up from 1 without gaps. */
  List<Migration> migrations();

  /**
   * Inserts one row unless its key exists; the update count says which (1 inserted, 0 skipped).
   */
  String insertIgnore(String table, List<String> columns, String key);

  /** Inserts one row, or replaces every non-key column of the row with the same key. */
  String upsert(String table, List<String> columns, String key);

  /** An expression that evaluates to {@code column}'s JSON array with one JSON parameter appended. */
  String appendJson(String column);

  /** Appended to the claim's candidate query: {@code FOR UPDATE SKIP LOCKED} where rows lock. */
  String lockCandidates();

  /** Whether {@code UPDATE ... RETURNING} exists; without it a claim updates, then reads back. */
  boolean updateReturning();

  /** The table reference with a hint to use an index, or the bare table when the planner needs none. */
  String withIndex(String table, String index);

  /**
   * Starts a write transaction on a connection in auto-commit mode. The default turns auto-commit
   * off; SQLite instead takes the write lock at once so that a transaction never fails half-way on
   * a lock upgrade.
   */
  default void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  /** Commits what {@link #begin} started and returns the connection to auto-commit. */
  default void commit(Connection connection) throws SQLException {
    connection.commit();
    connection.setAutoCommit(true);
  }

  /** Rolls back what {@link #begin} started and returns the connection to auto-commit. */
  default void rollback(Connection connection) throws SQLException {
    connection.rollback();
    connection.setAutoCommit(true);
  }

  /** Runs one statement that returns nothing. */
  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
