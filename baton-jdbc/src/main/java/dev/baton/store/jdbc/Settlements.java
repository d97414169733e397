package dev.baton.store.jdbc;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lease-fenced writes, each run inside the caller's write transaction: the ends of runs, lease
 * renewals and the reaping of expired leases. A statement applies only while the task is RUNNING
 * under the given token, so its update count says whether the lease still held.
 */
final class Settlements {
  /** What a batch of settlements did: a flag per settlement, and whether a task became waiting. */
  record Applied(List<Boolean> flags, boolean requeued) {}

  private final TaskSql sql;
  private final Database db;

  Settlements(TaskSql sql, Database db) {
    this.sql = sql;
    this.db = db;
  }

  /**
   * Applies settlements as one JDBC batch per kind (a round trip each to a server). Each touches
   * its own task, so the order of the kinds does not matter.
   */
  Applied settle(Connection connection, List<Settlement> settlements, Instant now)
      throws SQLException {
    Set<String> succeeded =
        sql.succeedMany == null ? Set.of() : succeedMany(connection, settlements, now);
    Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    try {
      PreparedStatement[] updates = new PreparedStatement[settlements.size()];
      for (int i = 0; i < updates.length; i++) {
        if (inOneStatement(settlements.get(i))) {
          continue;
        }
        updates[i] = bind(connection, statements, settlements.get(i), now);
        updates[i].addBatch();
      }
      Map<PreparedStatement, Iterator<Boolean>> counts = new HashMap<>();
      for (PreparedStatement update : statements.values()) {
        counts.put(update, Sql.applied(update.executeBatch()).iterator());
      }
      List<Boolean> flags = new ArrayList<>(updates.length);
      boolean requeued = false;
      for (int i = 0; i < updates.length; i++) {
        boolean applied =
            updates[i] == null
                ? succeeded.contains(key(settlements.get(i).lease()))
                : counts.get(updates[i]).next();
        flags.add(applied);
        Settlement settlement = settlements.get(i);
        requeued |=
            applied
                && !(settlement instanceof Settlement.Succeed
                    || settlement instanceof Settlement.Fail);
      }
      return new Applied(flags, requeued);
    } finally {
      closeAll(statements.values());
    }
  }

  /** Whether {@link #settle} runs a single statement for {@code batch}. */
  boolean oneStatement(List<Settlement> batch) {
    if (batch.size() == 1) {
      return true;
    }
    for (Settlement settlement : batch) {
      if (!inOneStatement(settlement)) {
        return false;
      }
    }
    return true;
  }

  private boolean inOneStatement(Settlement settlement) {
    return sql.succeedMany != null && settlement instanceof Settlement.Succeed;
  }

  private static String key(Lease lease) {
    return lease.id().value() + '\n' + lease.token();
  }

  /**
   * Ends every success of the batch in one statement; returns the {@link #key}s of the runs it
   * ended. Two runs of one task in a batch (a lost lease and the task's next run) carry different
   * tokens, and the fence lets through at most the current one.
   */
  private Set<String> succeedMany(Connection connection, List<Settlement> settlements, Instant now)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> results = new ArrayList<>();
    List<Long> ran = new ArrayList<>();
    for (Settlement settlement : settlements) {
      if (settlement instanceof Settlement.Succeed s) {
        ids.add(s.lease().id().value());
        tokens.add(s.lease().token());
        results.add(s.result());
        ran.add(Times.nanos(s.ran()));
      }
    }
    Set<String> changed = new HashSet<>();
    if (ids.isEmpty()) {
      return changed;
    }
    long nowMicros = Times.micros(now);
    try (PreparedStatement update = connection.prepareStatement(sql.succeedMany)) {
      update.setLong(1, nowMicros);
      update.setLong(2, nowMicros);
      update.setArray(3, connection.createArrayOf("text", ids.toArray()));
      update.setArray(4, connection.createArrayOf("text", tokens.toArray()));
      update.setArray(5, connection.createArrayOf("text", results.toArray()));
      update.setArray(6, connection.createArrayOf("bigint", ran.toArray()));
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          changed.add(rows.getString(1) + '\n' + rows.getString(2));
        }
      }
    }
    return changed;
  }

  /** Binds a settlement's own columns, then the shared end-of-run columns and the fence. */
  private PreparedStatement bind(
      Connection connection,
      Map<String, PreparedStatement> statements,
      Settlement settlement,
      Instant now)
      throws SQLException {
    long nowMicros = Times.micros(now);
    PreparedStatement update;
    int next;
    switch (settlement) {
      case Settlement.Succeed s -> {
        update = prepare(connection, statements, sql.succeed);
        Sql.setString(update, 1, s.result());
        update.setLong(2, nowMicros);
        next = 3;
      }
      case Settlement.Fail f -> {
        update = prepare(connection, statements, sql.fail);
        update.setString(1, TaskErrors.ISO_TIMES.write(f.error()));
        update.setLong(2, nowMicros);
        next = 3;
      }
      case Settlement.Retry r -> {
        update = prepare(connection, statements, sql.retryRun);
        update.setString(1, TaskErrors.ISO_TIMES.write(r.error()));
        update.setLong(2, Times.micros(Times.plus(now, r.delay())));
        next = 3;
      }
      case Settlement.Suspend s -> {
        update = prepare(connection, statements, sql.suspend);
        Sql.setString(update, 1, s.state());
        update.setLong(2, Times.micros(Times.plus(now, s.after())));
        next = 3;
      }
      case Settlement.Release r -> {
        update = prepare(connection, statements, sql.release);
        next = 1;
      }
    }
    update.setLong(next, Times.nanos(settlement.ran()));
    update.setLong(next + 1, nowMicros);
    update.setString(next + 2, settlement.lease().id().value());
    update.setString(next + 3, settlement.lease().token());
    return update;
  }

  List<Boolean> renew(Connection connection, List<Lease> leases, Instant deadline)
      throws SQLException {
    PreparedStatement update = db.prepare(connection, sql.renew);
    try {
      for (Lease lease : leases) {
        update.setLong(1, Times.micros(deadline));
        update.setString(2, lease.id().value());
        update.setString(3, lease.token());
        update.addBatch();
      }
      return Sql.applied(update.executeBatch());
    } finally {
      db.release(update);
    }
  }

  private record Expired(
      String id, String token, String owner, Instant deadline, int attempts, int maxAttempts) {}

  /** Requeues (or fails, when attempts are spent) up to {@code limit} tasks whose lease passed. */
  List<TaskId> expire(Connection connection, int limit, Instant now) throws SQLException {
    List<Expired> expired = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql.expiredLeases)) {
      select.setLong(1, Times.micros(now));
      select.setInt(2, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          expired.add(
              new Expired(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  Times.instant(rows.getLong(4)),
                  rows.getInt(5),
                  rows.getInt(6)));
        }
      }
    }
    List<TaskId> done = new ArrayList<>(expired.size());
    if (expired.isEmpty()) {
      return done;
    }
    long nowMicros = Times.micros(now);
    try (PreparedStatement requeue = connection.prepareStatement(sql.requeueExpired);
        PreparedStatement fail = connection.prepareStatement(sql.failExpired)) {
      for (Expired task : expired) {
        PreparedStatement update = task.attempts() >= task.maxAttempts() ? fail : requeue;
        TaskError error =
            new TaskError(
                now,
                task.attempts(),
                "lease expired (owner " + task.owner() + ", deadline " + task.deadline() + ")",
                "lease-expired",
                "");
        update.setLong(1, nowMicros);
        update.setString(2, TaskErrors.ISO_TIMES.write(error));
        update.setLong(3, nowMicros);
        update.setString(4, task.id());
        update.setString(5, task.token());
        if (update.executeUpdate() == 1) {
          done.add(TaskId.of(task.id()));
        }
      }
    }
    return done;
  }

  private PreparedStatement prepare(
      Connection connection, Map<String, PreparedStatement> statements, String statement)
      throws SQLException {
    PreparedStatement prepared = statements.get(statement);
    if (prepared == null) {
      prepared = db.prepare(connection, statement);
      statements.put(statement, prepared);
    }
    return prepared;
  }

  private void closeAll(Iterable<PreparedStatement> statements) {
    for (PreparedStatement statement : statements) {
      try {
        db.release(statement);
      } catch (SQLException ignored) {
        // Only a broken connection fails here, and then the transaction's commit reports it.
      }
    }
  }
}
