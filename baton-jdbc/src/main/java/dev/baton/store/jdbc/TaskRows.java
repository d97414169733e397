package dev.baton.store.jdbc;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.NewTask;
import dev.baton.spi.TaskErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The task table's columns and the mapping between its rows and {@link TaskRecord}. */
final class TaskRows {
  static final String TABLE = "baton_tasks";

  /** Every column except {@code seq}, which the database assigns, in insert order. */
  static final List<String> INSERT_COLUMNS =
      List.of(
          "id",
          "type",
          "queue",
          "payload",
          "priority",
          "run_at",
          "status",
          "attempts",
          "max_attempts",
          "timeout_nanos",
          "lease_owner",
          "lease_token",
          "lease_deadline",
          "state",
          "result",
          "errors",
          "execution_nanos",
          "correlation_id",
          "owner",
          "schedule_id",
          "created_at",
          "started_at",
          "finished_at",
          "updated_at",
          "retry_policy");

  /** What every read selects, in the order {@link #map} expects. */
  static final String COLUMNS = "seq, " + String.join(", ", INSERT_COLUMNS);

  private TaskRows() {}

  static void bindInsert(PreparedStatement insert, NewTask task, Instant now) throws SQLException {
    long nowMicros = Times.micros(now);
    insert.setString(1, task.id().value());
    insert.setString(2, task.type());
    insert.setString(3, task.queue());
    insert.setString(4, task.payload());
    insert.setInt(5, task.priority());
    insert.setLong(6, task.runAt() == null ? nowMicros : Times.micros(task.runAt()));
    insert.setString(7, TaskStatus.QUEUED.name());
    insert.setInt(8, 0);
    insert.setInt(9, task.maxAttempts());
    Sql.setLong(insert, 10, task.timeout() == null ? null : Times.nanos(task.timeout()));
    Sql.setString(insert, 11, null);
    Sql.setString(insert, 12, null);
    Sql.setLong(insert, 13, null);
    Sql.setString(insert, 14, null);
    Sql.setString(insert, 15, null);
    insert.setString(16, TaskErrors.EMPTY);
    insert.setLong(17, 0);
    Sql.setString(insert, 18, task.correlationId());
    Sql.setString(insert, 19, task.owner());
    Sql.setString(insert, 20, task.scheduleId());
    insert.setLong(21, nowMicros);
    Sql.setLong(insert, 22, null);
    Sql.setLong(insert, 23, null);
    insert.setLong(24, nowMicros);
    Sql.setString(insert, 25, task.retryPolicy());
  }

  /** Binds a whole record, as {@link dev.baton.spi.TaskStore#restorable} left it. */
  static void bindRestore(PreparedStatement insert, TaskRecord task) throws SQLException {
    insert.setString(1, task.id().value());
    insert.setString(2, task.type());
    insert.setString(3, task.queue());
    insert.setString(4, task.payload());
    insert.setInt(5, task.priority());
    insert.setLong(6, Times.micros(task.runAt()));
    insert.setString(7, task.status().name());
    insert.setInt(8, task.attempts());
    insert.setInt(9, task.maxAttempts());
    Sql.setLong(insert, 10, task.timeout() == null ? null : Times.nanos(task.timeout()));
    Sql.setString(insert, 11, task.leaseOwner());
    Sql.setString(insert, 12, task.leaseToken());
    Sql.setLong(insert, 13, Times.microsOrNull(task.leaseDeadline()));
    Sql.setString(insert, 14, task.state());
    Sql.setString(insert, 15, task.result());
    insert.setString(16, TaskErrors.ISO_TIMES.writeAll(task.errors()));
    insert.setLong(17, Times.nanos(task.executionTime()));
    Sql.setString(insert, 18, task.correlationId());
    Sql.setString(insert, 19, task.owner());
    Sql.setString(insert, 20, task.scheduleId());
    insert.setLong(21, Times.micros(task.createdAt()));
    Sql.setLong(insert, 22, Times.microsOrNull(task.startedAt()));
    Sql.setLong(insert, 23, Times.microsOrNull(task.finishedAt()));
    insert.setLong(24, Times.micros(task.updatedAt()));
    Sql.setString(insert, 25, task.retryPolicy());
  }

  /**
   * Runs {@link Dialect#insertMany()}: one statement for the batch. An id that comes twice in the
   * batch is inserted once, for its first request, as the one-by-one insert would.
   */
  static List<Boolean> insertMany(
      Connection connection, String statement, List<NewTask> tasks, Instant now)
      throws SQLException {
    int size = tasks.size();
    String[] ids = new String[size];
    String[] types = new String[size];
    String[] queues = new String[size];
    String[] payloads = new String[size];
    Integer[] priorities = new Integer[size];
    Long[] runAts = new Long[size];
    Integer[] maxAttempts = new Integer[size];
    Long[] timeouts = new Long[size];
    String[] correlations = new String[size];
    String[] owners = new String[size];
    String[] schedules = new String[size];
    String[] retryPolicies = new String[size];
    long nowMicros = Times.micros(now);
    for (int i = 0; i < size; i++) {
      NewTask task = tasks.get(i);
      ids[i] = task.id().value();
      types[i] = task.type();
      queues[i] = task.queue();
      payloads[i] = task.payload();
      priorities[i] = task.priority();
      runAts[i] = task.runAt() == null ? nowMicros : Times.micros(task.runAt());
      maxAttempts[i] = task.maxAttempts();
      timeouts[i] = task.timeout() == null ? null : Times.nanos(task.timeout());
      correlations[i] = task.correlationId();
      owners[i] = task.owner();
      schedules[i] = task.scheduleId();
      retryPolicies[i] = task.retryPolicy();
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement insert = connection.prepareStatement(statement)) {
      insert.setLong(1, nowMicros);
      insert.setArray(2, connection.createArrayOf("text", ids));
      insert.setArray(3, connection.createArrayOf("text", types));
      insert.setArray(4, connection.createArrayOf("text", queues));
      insert.setArray(5, connection.createArrayOf("text", payloads));
      insert.setArray(6, connection.createArrayOf("int4", priorities));
      insert.setArray(7, connection.createArrayOf("int8", runAts));
      insert.setArray(8, connection.createArrayOf("int4", maxAttempts));
      insert.setArray(9, connection.createArrayOf("int8", timeouts));
      insert.setArray(10, connection.createArrayOf("text", correlations));
      insert.setArray(11, connection.createArrayOf("text", owners));
      insert.setArray(12, connection.createArrayOf("text", schedules));
      insert.setArray(13, connection.createArrayOf("text", retryPolicies));
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          inserted.add(rows.getString(1));
        }
      }
    }
    List<Boolean> flags = new ArrayList<>(size);
    for (String id : ids) {
      // remove: a second request for the same id reads false, as its insert was skipped.
      flags.add(inserted.remove(id));
    }
    return flags;
  }

  static TaskRecord map(ResultSet row) throws SQLException {
    Long timeout = Sql.getLong(row, 11);
    return TaskRecord.builder()
        .sequence(row.getLong(1))
        .id(TaskId.of(row.getString(2)))
        .type(row.getString(3))
        .queue(row.getString(4))
        .payload(row.getString(5))
        .priority(row.getInt(6))
        .runAt(Times.instant(row.getLong(7)))
        .status(TaskStatus.valueOf(row.getString(8)))
        .attempts(row.getInt(9))
        .maxAttempts(row.getInt(10))
        .timeout(timeout == null ? null : Duration.ofNanos(timeout))
        .leaseOwner(row.getString(12))
        .leaseToken(row.getString(13))
        .leaseDeadline(Times.instantOrNull(Sql.getLong(row, 14)))
        .state(row.getString(15))
        .result(row.getString(16))
        .errors(TaskErrors.ISO_TIMES.read(row.getString(17)))
        .executionTime(Duration.ofNanos(row.getLong(18)))
        .correlationId(row.getString(19))
        .owner(row.getString(20))
        .scheduleId(row.getString(21))
        .createdAt(Times.instant(row.getLong(22)))
        .startedAt(Times.instantOrNull(Sql.getLong(row, 23)))
        .finishedAt(Times.instantOrNull(Sql.getLong(row, 24)))
        .updatedAt(Times.instant(row.getLong(25)))
        .retryPolicy(row.getString(26))
        .build();
  }
}
