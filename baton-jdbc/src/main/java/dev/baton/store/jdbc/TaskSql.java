package dev.baton.store.jdbc;

import static dev.baton.store.jdbc.TaskRows.COLUMNS;
import static dev.baton.store.jdbc.TaskRows.TABLE;

import dev.baton.spi.TaskQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The task statements. Written once for every dialect; the dialect fills in what it spells its own
 * way. Every statement that ends a run is fenced: it changes the row only while the task is RUNNING
 * under the caller's lease token.
 */
final class TaskSql {
  static final String WAITING = "status IN ('QUEUED','SUSPENDED')";
  static final String FINISHED = "status IN ('SUCCEEDED','FAILED','CANCELED')";
  static final String READY_ORDER = "priority DESC, run_at, seq";

  final String insert;

  /** {@link Dialect#insertMany()}: null where each task takes its own statement. */
  final String insertMany;

  final String succeed;

  /** {@link Dialect#succeedMany()}: null where each success takes its own statement. */
  final String succeedMany;

  final String fail;
  final String retryRun;
  final String suspend;
  final String release;
  final String renew;
  final String expiredLeases;
  final String requeueExpired;
  final String failExpired;
  final String statusOf;
  final String cancel;
  final String retry;
  final String get;

  /** Parameters: the cutoff, the limit. */
  final String purge;

  final String counts =
      "SELECT queue, type, status, COUNT(*) FROM " + TABLE + " GROUP BY queue, type, status";
  final String clear = "DELETE FROM " + TABLE;

  /** Parameters: the cursor, the limit. */
  final String scan =
      "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE seq > ? ORDER BY seq LIMIT ?";

  private final Dialect dialect;

  TaskSql(Dialect dialect) {
    this.dialect = dialect;
    String append = dialect.appendJson("errors");
    String fence = " WHERE id = ? AND " + dialect.running("status") + " AND lease_token = ?";
    // Parameters: ran nanos, now, id, token.
    String endRun =
        ", execution_nanos = execution_nanos + ?, lease_owner = NULL,"
            + " lease_token = NULL, lease_deadline = NULL, updated_at = ?"
            + fence;
    insertMany = dialect.insertMany();
    insert = dialect.insertIgnore(TABLE, TaskRows.INSERT_COLUMNS, "id");
    succeedMany = dialect.succeedMany();
    succeed = "UPDATE " + TABLE + " SET status = 'SUCCEEDED', result = ?, finished_at = ?" + endRun;
    fail =
        "UPDATE "
            + TABLE
            + " SET status = 'FAILED', errors = "
            + append
            + ", finished_at = ?"
            + endRun;
    retryRun =
        "UPDATE " + TABLE + " SET status = 'QUEUED', errors = " + append + ", run_at = ?" + endRun;
    suspend =
        "UPDATE "
            + TABLE
            + " SET status = 'SUSPENDED', state = ?, attempts = attempts - 1,"
            + " run_at = ?"
            + endRun;
    release = "UPDATE " + TABLE + " SET status = 'QUEUED', attempts = attempts - 1" + endRun;
    renew = "UPDATE " + TABLE + " SET lease_deadline = ?" + fence;
    expiredLeases =
        "SELECT id, lease_token, lease_owner, lease_deadline, attempts, max_attempts"
            + " FROM "
            + TABLE
            + " WHERE status = 'RUNNING' AND lease_deadline <= ?"
            + " ORDER BY lease_deadline LIMIT ?"
            + dialect.lockCandidates();
    String expire =
        ", errors = "
            + append
            + ", lease_owner = NULL, lease_token = NULL,"
            + " lease_deadline = NULL, updated_at = ?"
            + fence;
    requeueExpired = "UPDATE " + TABLE + " SET status = 'QUEUED', run_at = ?" + expire;
    failExpired = "UPDATE " + TABLE + " SET status = 'FAILED', finished_at = ?" + expire;
    statusOf = "SELECT status FROM " + TABLE + " WHERE id = ?";
    cancel =
        "UPDATE "
            + TABLE
            + " SET status = 'CANCELED', finished_at = ?, updated_at = ?,"
            + " lease_owner = NULL, lease_token = NULL, lease_deadline = NULL"
            + " WHERE id = ? AND status = ?";
    retry =
        "UPDATE "
            + TABLE
            + " SET status = 'QUEUED', attempts = 0, finished_at = NULL,"
            + " result = NULL, run_at = ?, updated_at = ? WHERE id = ? AND status IN ('FAILED','CANCELED')";
    get = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?";
    // The inner SELECT sits in a derived table because MySQL refuses both LIMIT in an IN
    // subquery and a subquery on the table being deleted from; the others accept it as is.
    purge =
        "DELETE FROM "
            + TABLE
            + " WHERE seq IN (SELECT seq FROM (SELECT seq FROM "
            + dialect.withIndex(TABLE, "baton_tasks_finished")
            + " WHERE finished_at < ? AND "
            + FINISHED
            + " ORDER BY finished_at LIMIT ?) doomed)";
  }

  /** The claim's row change. Parameters: now, owner, token, deadline, now; then the row filter. */
  static String claimSet() {
    return "UPDATE "
        + TABLE
        + " SET status = 'RUNNING', attempts = attempts + 1, started_at = ?,"
        + " lease_owner = ?, lease_token = ?, lease_deadline = ?, updated_at = ?";
  }

  /** The ready tasks to claim, best first. Parameters: now, the queues, the types, the limit. */
  String claimCandidates(int queues, int types) {
    return claimCandidates("seq", queues, types);
  }

  /** As {@link #claimCandidates(int, int)}, selecting {@code columns}. */
  String claimCandidates(String columns, int queues, int types) {
    return "SELECT "
        + columns
        + " FROM "
        + dialect.withIndex(TABLE, "baton_tasks_ready")
        + " WHERE run_at <= ? AND "
        + dialect.waitingIn(queues)
        + " AND type IN ("
        + Sql.placeholders(types)
        + ")"
        + " ORDER BY "
        + READY_ORDER
        + " LIMIT ?"
        + dialect.lockCandidates();
  }

  /** One statement that claims and returns the claimed rows, where the dialect can. */
  String claimReturning(int queues, int types) {
    return claimSet()
        + " WHERE seq IN ("
        + claimCandidates(queues, types)
        + ") RETURNING "
        + COLUMNS;
  }

  /** The claim's second step without RETURNING: update the candidates still waiting. */
  String claimBySeq(int count) {
    return claimSet() + " WHERE seq IN (" + Sql.placeholders(count) + ") AND " + WAITING;
  }

  String selectBySeq(int count) {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + TABLE
        + " WHERE seq IN ("
        + Sql.placeholders(count)
        + ") AND lease_token = ?";
  }

  /**
   * How many QUEUED tasks of one lane are not due yet; reads the lane's waiting index from its
   * run-at on, so it costs as many rows as there are scheduled tasks, not the whole backlog.
   * Parameters: the queue, the type, now.
   */
  String scheduled() {
    return "SELECT COUNT(*) FROM "
        + dialect.withIndex(TABLE, "baton_tasks_next")
        + " WHERE "
        + WAITING
        + " AND status = 'QUEUED' AND queue = ? AND type = ? AND run_at > ?";
  }

  /** Parameters: the queues, the types. */
  String nextRunAt(int queues, int types) {
    return "SELECT MIN(run_at) FROM "
        + dialect.withIndex(TABLE, "baton_tasks_next")
        + " WHERE "
        + WAITING
        + " AND queue IN ("
        + Sql.placeholders(queues)
        + ")"
        + " AND type IN ("
        + Sql.placeholders(types)
        + ")";
  }

  /** The filter of a listing: a WHERE clause (or nothing) and its parameters. */
  record Filter(String where, List<String> parameters) {}

  static Filter filter(TaskQuery query) {
    List<String> conditions = new ArrayList<>(3);
    List<String> parameters = new ArrayList<>(3);
    if (query.status() != null) {
      conditions.add("status = ?");
      parameters.add(query.status().name());
    }
    if (query.queue() != null) {
      conditions.add("queue = ?");
      parameters.add(query.queue());
    }
    if (query.type() != null) {
      conditions.add("type = ?");
      parameters.add(query.type());
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return new Filter(where, parameters);
  }

  static String count(Filter filter) {
    return "SELECT COUNT(*) FROM " + TABLE + filter.where();
  }

  static String page(Filter filter) {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + TABLE
        + filter.where()
        + " ORDER BY seq DESC LIMIT ? OFFSET ?";
  }
}
