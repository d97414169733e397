package dev.baton.store.jdbc;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Capabilities;
import dev.baton.spi.Claim;
import dev.baton.spi.KvStore;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.ScheduleStore;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The task store shared by every SQL dialect. Each method is one transaction on {@link Database};
 * "now" comes from the clock it is given: the caller's (SQLite, and tests that drive delays and
 * leases with a manual one) or the database server's ({@link DatabaseClock}). Wake listeners hear
 * about this process's commits; a {@link Signal} carries them to other processes where the database
 * can (PostgreSQL's NOTIFY), else those see the work when the engine next polls.
 */
final class JdbcStore implements TaskStore {
  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .durable(true)
          .callerClock(true)
          .wakeups(false)
          .listing(true)
          .schedules(true)
          .keyValue(true)
          .build();

  private final Capabilities capabilities;
  private final Signal signal;
  private final Database db;
  private final InstantSource clock;
  private final TaskSql sql;
  private final Claims claims;
  private final Settlements settlements;
  private final JdbcKv kv;
  private final JdbcSchedules schedules;

  /** Null where the dialect keeps no counts: there they group the task table. */
  private final TaskCounts counts;

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  JdbcStore(Database db, InstantSource clock) {
    this(db, clock, CAPABILITIES, Signal.NONE);
  }

  JdbcStore(Database db, InstantSource clock, Capabilities capabilities, Signal signal) {
    this.capabilities = capabilities;
    this.signal = signal;
    this.db = db;
    this.clock = clock;
    this.sql = new TaskSql(db.dialect());
    this.claims = new Claims(sql, db);
    this.settlements = new Settlements(sql, db);
    this.kv = new JdbcKv(db, clock);
    this.schedules = new JdbcSchedules(db, clock, this);
    this.counts = db.dialect().maintainsCounts() ? new TaskCounts(db) : null;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public List<Boolean> enqueue(List<NewTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Connection callers = TransactionalEnqueue.bound();
    if (callers != null) {
      return enqueueIn(callers, tasks, now);
    }
    // One task is one statement, committed on its own: no separate begin and commit.
    List<Boolean> inserted =
        tasks.size() == 1
            ? db.writeOne(
                "enqueueing a task",
                connection -> List.of(insertOne(connection, tasks.get(0), now)))
            : db.write(
                "enqueueing " + tasks.size() + " tasks",
                connection -> insert(connection, tasks, now));
    if (inserted.contains(Boolean.TRUE)) {
      wake();
    }
    return inserted;
  }

  /** Inserts in a transaction the caller owns; see {@link TransactionalEnqueue}. */
  private List<Boolean> enqueueIn(Connection callers, List<NewTask> tasks, Instant now) {
    try {
      List<Boolean> inserted = insert(callers, tasks, now);
      if (inserted.contains(Boolean.TRUE)) {
        signal.publishIn(callers);
      }
      return inserted;
    } catch (SQLException e) {
      throw new StoreException(
          db.label()
              + ": enqueueing "
              + tasks.size()
              + " tasks in "
              + TransactionalEnqueue.describe(callers)
              + " failed",
          e);
    }
  }

  /**
   * Inserts in the caller's transaction, as one JDBC batch (one round trip to a server); schedule
   * ticks share the transaction to insert with their CAS.
   */
  List<Boolean> insert(Connection connection, List<NewTask> tasks, Instant now)
      throws SQLException {
    if (sql.insertMany != null && tasks.size() > 1) {
      return TaskRows.insertMany(connection, sql.insertMany, tasks, now);
    }
    try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
      for (NewTask task : tasks) {
        TaskRows.bindInsert(insert, task, now);
        insert.addBatch();
      }
      return Sql.applied(insert.executeBatch());
    }
  }

  /** Inserts one task in one statement; true if it was new. */
  private boolean insertOne(Connection connection, NewTask task, Instant now) throws SQLException {
    PreparedStatement insert = db.prepare(connection, sql.insert);
    try {
      TaskRows.bindInsert(insert, task, now);
      return insert.executeUpdate() == 1;
    } finally {
      db.release(insert);
    }
  }

  @Override
  public List<TaskRecord> claim(Claim claim) {
    if (claim.queues().isEmpty() || claim.types().isEmpty()) {
      return List.of();
    }
    // "Now" is read once the transaction has its connection (here and in settle and renew): a
    // wait for a pooled connection, or a retry after a deadlock, would otherwise come off the
    // lease the row gets.
    Database.Work<List<TaskRecord>> work =
        connection -> claims.claim(connection, claim, clock.instant());
    List<TaskRecord> claimed =
        claims.oneStatement()
            ? db.writeOne("claiming tasks", work)
            : db.write("claiming tasks", work);
    signal.claimed(claimed.size());
    return claimed;
  }

  @Override
  public List<Boolean> settle(List<Settlement> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    String doing = "storing " + batch.size() + " run outcomes";
    Database.Work<Settlements.Applied> work =
        connection -> settlements.settle(connection, batch, clock.instant());
    // One statement needs no transaction around it: a quiet node's lone outcome, or a batch of
    // successes where the dialect ends them all in one statement.
    Settlements.Applied applied =
        settlements.oneStatement(batch) ? db.writeOne(doing, work) : db.write(doing, work);
    if (applied.requeued()) {
      wake();
    }
    return applied.flags();
  }

  @Override
  public List<Boolean> renew(List<Lease> leases, Duration lease) {
    if (leases.isEmpty()) {
      return List.of();
    }
    return db.write(
        "renewing " + leases.size() + " leases",
        connection -> settlements.renew(connection, leases, Times.plus(clock.instant(), lease)));
  }

  @Override
  public List<TaskId> expireLeases(int limit) {
    if (limit < 1) {
      return List.of();
    }
    Instant now = clock.instant();
    List<TaskId> expired =
        db.write(
            "requeueing tasks whose leases expired",
            connection -> settlements.expire(connection, limit, now));
    if (!expired.isEmpty()) {
      wake();
    }
    return expired;
  }

  @Override
  public Optional<TaskStatus> cancel(TaskId id) {
    Instant now = clock.instant();
    return db.write(
        "canceling task " + id,
        connection -> {
          // Read, then update only from the status read. Under SQLite's write lock nothing moves in
          // between; where other nodes write at once the update misses and the loop reads again.
          while (true) {
            TaskStatus before = statusOf(connection, id);
            if (before == null || before.isTerminal()) {
              return Optional.<TaskStatus>empty();
            }
            try (PreparedStatement update = connection.prepareStatement(sql.cancel)) {
              update.setLong(1, Times.micros(now));
              update.setLong(2, Times.micros(now));
              update.setString(3, id.value());
              update.setString(4, before.name());
              if (update.executeUpdate() == 1) {
                return Optional.of(before);
              }
            }
          }
        });
  }

  private TaskStatus statusOf(Connection connection, TaskId id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.statusOf)) {
      select.setString(1, id.value());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? TaskStatus.valueOf(row.getString(1)) : null;
      }
    }
  }

  @Override
  public boolean retry(TaskId id) {
    long now = Times.micros(clock.instant());
    boolean requeued =
        db.write(
            "retrying task " + id,
            connection -> {
              try (PreparedStatement update = connection.prepareStatement(sql.retry)) {
                update.setLong(1, now);
                update.setLong(2, now);
                update.setString(3, id.value());
                return update.executeUpdate() == 1;
              }
            });
    if (requeued) {
      wake();
    }
    return requeued;
  }

  @Override
  public Optional<Instant> nextRunAt(Set<String> queues, Set<String> types) {
    if (queues.isEmpty() || types.isEmpty()) {
      return Optional.empty();
    }
    return db.read(
        "finding the next due task",
        connection -> {
          PreparedStatement select =
              db.prepare(connection, sql.nextRunAt(queues.size(), types.size()));
          try {
            Sql.setStrings(select, Sql.setStrings(select, 1, queues), types);
            try (ResultSet row = select.executeQuery()) {
              Long next = row.next() ? Sql.getLong(row, 1) : null;
              return Optional.ofNullable(Times.instantOrNull(next));
            }
          } finally {
            db.release(select);
          }
        });
  }

  @Override
  public void addWakeListener(Runnable listener) {
    listeners.add(listener);
  }

  void wake() {
    signal.publish();
    wakeHere();
  }

  /** Wakes this process's listeners only: what a signal from another process does. */
  void wakeHere() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  @Override
  public Optional<TaskRecord> get(TaskId id) {
    return db.read(
        "reading task " + id,
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.get)) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(TaskRows.map(row)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Page<TaskRecord> list(TaskQuery query) {
    TaskSql.Filter filter = TaskSql.filter(query);
    return db.read(
        "listing tasks",
        connection -> {
          long total;
          try (PreparedStatement count = connection.prepareStatement(TaskSql.count(filter))) {
            Sql.setStrings(count, 1, filter.parameters());
            try (ResultSet row = count.executeQuery()) {
              row.next();
              total = row.getLong(1);
            }
          }
          List<TaskRecord> items = new ArrayList<>();
          try (PreparedStatement page = connection.prepareStatement(TaskSql.page(filter))) {
            int next = Sql.setStrings(page, 1, filter.parameters());
            page.setInt(next, query.limit());
            page.setInt(next + 1, query.offset());
            try (ResultSet rows = page.executeQuery()) {
              while (rows.next()) {
                items.add(TaskRows.map(rows));
              }
            }
          }
          return new Page<>(items, total, query.offset());
        });
  }

  @Override
  public List<TaskRecord> scan(long afterSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    return db.read(
        "reading tasks after sequence " + afterSequence,
        connection -> {
          List<TaskRecord> page = new ArrayList<>(Math.min(limit, 1024));
          try (PreparedStatement select = connection.prepareStatement(sql.scan)) {
            select.setLong(1, afterSequence);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                page.add(TaskRows.map(rows));
              }
            }
          }
          return page;
        });
  }

  @Override
  public List<Boolean> restore(List<TaskRecord> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<Boolean> inserted =
        db.write(
            "restoring " + tasks.size() + " tasks",
            connection -> {
              try (PreparedStatement insert = connection.prepareStatement(sql.insert)) {
                for (TaskRecord task : tasks) {
                  TaskRows.bindRestore(insert, TaskStore.restorable(task));
                  insert.addBatch();
                }
                return Sql.applied(insert.executeBatch());
              }
            });
    for (int i = 0; i < tasks.size(); i++) {
      TaskRecord task = tasks.get(i);
      if (inserted.get(i) && !task.status().isTerminal() && !task.runAt().isAfter(now)) {
        wake();
        break;
      }
    }
    return inserted;
  }

  @Override
  public List<QueueCount> counts() {
    return withScheduled(counts != null ? counts.read() : groupCounts());
  }

  private List<QueueCount> groupCounts() {
    return db.read(
        "counting tasks",
        connection -> {
          List<QueueCount> counts = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql.counts);
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

  /** The QUEUED groups with how many of their tasks are not due yet, by this store's clock. */
  private List<QueueCount> withScheduled(List<QueueCount> all) {
    if (all.stream().noneMatch(c -> c.status() == TaskStatus.QUEUED)) {
      return all;
    }
    long now = Times.micros(clock.instant());
    String scheduled = sql.scheduled();
    return db.read(
        "counting scheduled tasks",
        connection -> {
          List<QueueCount> out = new ArrayList<>(all.size());
          try (PreparedStatement select = connection.prepareStatement(scheduled)) {
            for (QueueCount c : all) {
              if (c.status() != TaskStatus.QUEUED) {
                out.add(c);
                continue;
              }
              select.setString(1, c.queue());
              select.setString(2, c.type());
              select.setLong(3, now);
              try (ResultSet row = select.executeQuery()) {
                out.add(c.withScheduled(row.next() ? row.getLong(1) : 0));
              }
            }
          }
          return out;
        });
  }

  @Override
  public void clear() {
    db.write(
        "deleting every task",
        connection -> {
          Dialect.execute(connection, sql.clear);
          return null;
        });
  }

  @Override
  public int purge(Instant finishedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    long cutoff = Times.micros(finishedBefore);
    return db.write(
        "deleting finished tasks",
        connection -> {
          try (PreparedStatement delete = connection.prepareStatement(sql.purge)) {
            delete.setLong(1, cutoff);
            delete.setInt(2, limit);
            return delete.executeUpdate();
          }
        });
  }

  @Override
  public void ping() {
    db.read(
        "checking the database answers",
        connection -> {
          Dialect.execute(connection, "SELECT 1");
          return null;
        });
  }

  @Override
  public KvStore kv() {
    return kv;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public void close() {
    try {
      if (counts != null) {
        counts.close();
      }
      signal.close();
    } finally {
      db.close();
    }
  }

  /** Folds the count changes now rather than at the next period; for tests and benchmarks. */
  long foldCounts() {
    return counts == null ? 0 : counts.foldAll();
  }
}
