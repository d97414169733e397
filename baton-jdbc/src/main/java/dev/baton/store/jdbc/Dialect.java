package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases Baton runs on. The shared store ({@link JdbcStore} and the
 * SQL classes beside it) writes every statement that all dialects understand; a dialect adds the
 * pieces they spell differently: schema DDL, insert-or-ignore and upsert, appending to a JSON
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
   * Inserts one row unless its key exists; the update count says which (1 inserted, 0 skipped). The
   * default is {@code ON CONFLICT DO NOTHING}, spelled the same by SQLite and PostgreSQL.
   */
  default String insertIgnore(String table, List<String> columns, String key) {
    return insert(table, columns) + " ON CONFLICT (" + key + ") DO NOTHING";
  }

  /**
   * Inserts one row, or replaces every non-key column of the row with the same key. The default is
   * {@code ON CONFLICT DO UPDATE}, spelled the same by SQLite and PostgreSQL.
   */
  default String upsert(String table, List<String> columns, String key) {
    String updates =
        columns.stream()
            .filter(column -> !column.equals(key))
            .map(column -> column + " = excluded." + column)
            .collect(Collectors.joining(", "));
    return insert(table, columns) + " ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
  }

  /**
   * Inserts one row of {@code keys} then {@code column}, or adds the new row's {@code column} to
   * the existing row's. The default is {@code ON CONFLICT DO UPDATE}, spelled the same by SQLite
   * and PostgreSQL.
   */
  default String upsertAdding(String table, List<String> keys, String column) {
    List<String> columns = new ArrayList<>(keys);
    columns.add(column);
    return insert(table, columns)
        + " ON CONFLICT ("
        + String.join(", ", keys)
        + ") DO UPDATE SET "
        + column
        + " = "
        + table
        + "."
        + column
        + " + excluded."
        + column;
  }

  /**
   * Whether the schema keeps task counts in {@link TaskCounts}'s tables through triggers, so that
   * counting never scans the tasks. The default is false: counts group the task table itself.
   */
  default boolean maintainsCounts() {
    return false;
  }

  /** {@code INSERT INTO table (columns) VALUES (?, ...)}. */
  static String insert(String table, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + Sql.placeholders(columns.size())
        + ")";
  }

  /**
   * An expression that evaluates to {@code column}'s JSON array with one JSON parameter appended.
   */
  String appendJson(String column);

  /** Appended to the claim's candidate query: {@code FOR UPDATE SKIP LOCKED} where rows lock. */
  String lockCandidates();

  /**
   * The condition "waiting, in one of {@code queues} queues" (one placeholder per queue) in a form
   * the dialect's claim index serves in claim order. The default names the columns.
   */
  default String waitingIn(int queues) {
    return TaskSql.WAITING + " AND queue IN (" + Sql.placeholders(queues) + ")";
  }

  /**
   * Whether a claim over several queues should look in each queue on its own and merge: where the
   * claim index serves one queue at a time in claim order, and several at once only by sorting them
   * all. The default is false: one query for all queues.
   */
  default boolean claimsQueueByQueue() {
    return false;
  }

  /**
   * One statement that ends many runs as SUCCEEDED, fenced like {@link TaskSql#succeed}, and
   * returns the id and token of each run it ended; or null where each run takes a statement of its
   * own. Parameters: the finish time, the update time, then arrays of ids, lease tokens, results
   * (JSON or null) and run nanos. One statement per batch instead of one per task: a fraction of
   * the server's work per task, and statement triggers fire once per batch.
   */
  default String succeedMany() {
    return null;
  }

  /**
   * One statement that inserts many new tasks, skipping ids that exist, in the given order, and
   * returns the ids it inserted; or null where each task takes a statement of its own (in one JDBC
   * batch). Parameters: the creation time, then arrays of ids, types, queues, payloads, priorities,
   * run-at times, max attempts, timeouts, correlation ids, owners and schedule ids.
   */
  default String insertMany() {
    return null;
  }

  /**
   * The condition "{@code column} is RUNNING" inside a fence, which also names the task's id: it
   * must leave the planner no reason to find the row any other way than by the id's unique index.
   * The default is the plain comparison.
   */
  default String running(String column) {
    return column + " = 'RUNNING'";
  }

  /**
   * A statement run in the claim's transaction before the claim, or null for none. It is sent in
   * the claim's own statement text, ahead of it (one round trip for both), so it must return no
   * rows.
   */
  default String claimSetup() {
    return null;
  }

  /** Whether {@code UPDATE ... RETURNING} exists; without it a claim updates, then reads back. */
  boolean updateReturning();

  /**
   * The table reference with a hint to use an index, or the bare table when the planner needs none.
   */
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

  /**
   * Keeps other processes out of the schema until {@link #unlockSchema}, called first inside the
   * migration's transaction. The default does nothing: SQLite's write lock already does it.
   */
  default void lockSchema(Connection connection) throws SQLException {}

  /** Ends {@link #lockSchema}, last inside the migration's transaction. */
  default void unlockSchema(Connection connection) throws SQLException {}

  /**
   * A query for the database's own clock as epoch microseconds, for stores that keep time by the
   * database rather than by each node.
   *
   * @throws UnsupportedOperationException where the database is in the process and has no clock of
   *     its own
   */
  default String clockQuery() {
    throw new UnsupportedOperationException(name() + " has no clock of its own");
  }

  /** Runs one statement that returns nothing. */
  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
