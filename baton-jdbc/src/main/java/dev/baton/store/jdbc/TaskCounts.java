package dev.baton.store.jdbc;

import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task counts by queue, type and status that cost the same under a backlog of a million tasks as
 * under ten, for databases whose schema maintains them. Triggers on the task table append one row
 * to {@value #CHANGES} per change of status (per group of changes where the database has statement
 * triggers): appended rows, so concurrent writers never wait on a shared counter row. A fold moves
 * those rows into the totals of {@value #TOTALS} every {@link #FOLD_EVERY}, on a thread of its own;
 * folds on several nodes take disjoint rows ({@code SKIP LOCKED}). {@link #read} adds the totals
 * and the changes not folded yet in one statement, so it sees one consistent moment.
 */
final class TaskCounts implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskCounts.class);
  static final String TOTALS = "baton_task_counts";
  static final String CHANGES = "baton_task_count_changes";
  static final Duration FOLD_EVERY = Duration.ofSeconds(1);

  /** Change rows per fold transaction. */
  static final int FOLD_CHUNK = 10_000;

  private static final int DELETE_CHUNK = 500;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final String READ =
      "SELECT queue, type, status, SUM(n) FROM ("
          + "SELECT queue, type, status, n FROM "
          + TOTALS
          + " UNION ALL SELECT queue, type, to_status, n FROM "
          + CHANGES
          + " WHERE to_status IS NOT NULL"
          + " UNION ALL SELECT queue, type, from_status, -n FROM "
          + CHANGES
          + " WHERE from_status IS NOT NULL"
          + ") c GROUP BY queue, type, status HAVING SUM(n) <> 0";

  private record Group(String queue, String type, String status) {}

  private static final Comparator<Group> ORDER =
      Comparator.comparing(Group::queue).thenComparing(Group::type).thenComparing(Group::status);

  private final Database db;
  private final String take;
  private final String add;
  private final Thread folder;
  private volatile boolean closed;

  TaskCounts(Database db) {
    this.db = db;
    this.take =
        "SELECT id, queue, type, from_status, to_status, n FROM "
            + CHANGES
            + " ORDER BY id LIMIT ?"
            + db.dialect().lockCandidates();
    this.add = db.dialect().upsertAdding(TOTALS, List.of("queue", "type", "status"), "n");
    this.folder = Thread.ofPlatform().daemon().name("baton-counts").start(this::foldLoop);
  }

  /** The counts, groups of zero left out. */
  List<QueueCount> read() {
    return db.read(
        "counting tasks",
        connection -> {
          List<QueueCount> counts = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(READ);
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              counts.add(
                  new QueueCount(
                      rows.getString(1),
                      rows.getString(2),
                      TaskStatus.valueOf(rows.getString(3)),
                      rows.getLong(4)));
            }
          }
          return counts;
        });
  }

  /** Folds every change row visible now; returns how many it folded. */
  long foldAll() {
    long folded = 0;
    int chunk;
    do {
      chunk = db.write("folding task count changes", this::foldChunk);
      folded += chunk;
    } while (chunk == FOLD_CHUNK && !closed);
    return folded;
  }

  private int foldChunk(Connection connection) throws SQLException {
    List<Long> ids = new ArrayList<>();
    Map<Group, Long> sums = new TreeMap<>(ORDER);
    try (PreparedStatement select = connection.prepareStatement(take)) {
      select.setInt(1, FOLD_CHUNK);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
          long n = rows.getLong(6);
          String from = rows.getString(4);
          String to = rows.getString(5);
          if (from != null) {
            sums.merge(new Group(rows.getString(2), rows.getString(3), from), -n, Long::sum);
          }
          if (to != null) {
            sums.merge(new Group(rows.getString(2), rows.getString(3), to), n, Long::sum);
          }
        }
      }
    }
    if (ids.isEmpty()) {
      return 0;
    }
    // In one order on every node, so that two folds never wait on each other's totals in a cycle.
    try (PreparedStatement upsert = connection.prepareStatement(add)) {
      for (Map.Entry<Group, Long> sum : sums.entrySet()) {
        if (sum.getValue() != 0) {
          upsert.setString(1, sum.getKey().queue());
          upsert.setString(2, sum.getKey().type());
          upsert.setString(3, sum.getKey().status());
          upsert.setLong(4, sum.getValue());
          upsert.addBatch();
        }
      }
      upsert.executeBatch();
    }
    for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM " + CHANGES + " WHERE id IN (" + Sql.placeholders(chunk.size()) + ")")) {
        int index = 1;
        for (long id : chunk) {
          delete.setLong(index++, id);
        }
        delete.executeUpdate();
      }
    }
    return ids.size();
  }

  private void foldLoop() {
    while (!closed) {
      LockSupport.parkNanos(this, FOLD_EVERY.toNanos());
      if (closed) {
        return;
      }
      try {
        foldAll();
      } catch (RuntimeException e) {
        // Counts stay right without the fold, only slower to read; the outage shows elsewhere.
        log.debug("Folding task count changes failed", e);
      }
    }
  }

  /**
   * Stops the fold and waits for a fold under way to end, so that the pool is not closed under it
   * (the pool would abort its connection mid-statement).
   */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(folder);
    try {
      folder.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
