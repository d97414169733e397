package dev.baton.store.jdbc;

import dev.baton.TaskRecord;
import dev.baton.spi.Claim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Claims ready tasks inside the caller's write transaction: one {@code UPDATE ... WHERE seq IN
 * (SELECT ... LIMIT n) RETURNING} where the dialect has it, else select (locking), update, read
 * back. Either way the result is sorted here, since no database promises the order of returned
 * rows.
 */
final class Claims {
  static final Comparator<TaskRecord> READY_ORDER =
      Comparator.comparingInt((TaskRecord task) -> -task.priority())
          .thenComparing(TaskRecord::runAt)
          .thenComparingLong(TaskRecord::sequence);

  private final TaskSql sql;
  private final Dialect dialect;
  private final Database db;

  Claims(TaskSql sql, Database db) {
    this.sql = sql;
    this.dialect = db.dialect();
    this.db = db;
  }

  /**
   * Whether a claim is a single statement, which needs no transaction around it: an {@code UPDATE
   * ... RETURNING} with no setup statement before it.
   */
  boolean oneStatement() {
    return dialect.updateReturning() && dialect.claimSetup() == null;
  }

  List<TaskRecord> claim(Connection connection, Claim claim, Instant now) throws SQLException {
    List<TaskRecord> claimed =
        dialect.updateReturning()
            ? returning(connection, claim, now)
            : selectThenUpdate(connection, claim, now);
    claimed.sort(READY_ORDER);
    return claimed;
  }

  private List<TaskRecord> returning(Connection connection, Claim claim, Instant now)
      throws SQLException {
    String setup = dialect.claimSetup();
    String statement = sql.claimReturning(claim.queues().size(), claim.types().size());
    // The setup travels in the claim's own statement text: the driver sends both in one round
    // trip, inside the claim's transaction, instead of one round trip each.
    PreparedStatement update =
        db.prepare(connection, setup == null ? statement : setup + "; " + statement);
    try {
      int next = bindSet(update, claim, now);
      bindCandidates(update, next, claim, now);
      return setup == null ? readAll(update) : readAfterSetup(update);
    } finally {
      db.release(update);
    }
  }

  /** Reads the rows of the claim that follows the setup's result, which is an update count. */
  private static List<TaskRecord> readAfterSetup(PreparedStatement statement) throws SQLException {
    boolean rows = statement.execute();
    while (!rows && statement.getUpdateCount() != -1) {
      rows = statement.getMoreResults();
    }
    if (!rows) {
      throw new SQLException("the claim returned no rows after its setup");
    }
    try (ResultSet result = statement.getResultSet()) {
      return mapAll(result);
    }
  }

  private List<TaskRecord> selectThenUpdate(Connection connection, Claim claim, Instant now)
      throws SQLException {
    List<Long> seqs =
        dialect.claimsQueueByQueue() && claim.queues().size() > 1
            ? queueByQueue(connection, claim, now)
            : candidates(connection, claim, now);
    if (seqs.isEmpty()) {
      return new ArrayList<>();
    }
    try (PreparedStatement update = connection.prepareStatement(sql.claimBySeq(seqs.size()))) {
      int next = bindSet(update, claim, now);
      for (long seq : seqs) {
        update.setLong(next++, seq);
      }
      update.executeUpdate();
    }
    try (PreparedStatement read = connection.prepareStatement(sql.selectBySeq(seqs.size()))) {
      int next = 1;
      for (long seq : seqs) {
        read.setLong(next++, seq);
      }
      read.setString(next, claim.token());
      return readAll(read);
    }
  }

  private List<Long> candidates(Connection connection, Claim claim, Instant now)
      throws SQLException {
    List<Long> seqs = new ArrayList<>(claim.limit());
    try (PreparedStatement select =
        connection.prepareStatement(
            sql.claimCandidates(claim.queues().size(), claim.types().size()))) {
      bindCandidates(select, 1, claim, now);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          seqs.add(rows.getLong(1));
        }
      }
    }
    return seqs;
  }

  private record Candidate(long seq, int priority, long runAt) {}

  private static final Comparator<Candidate> CANDIDATE_ORDER =
      Comparator.comparingInt((Candidate c) -> -c.priority())
          .thenComparingLong(Candidate::runAt)
          .thenComparingLong(Candidate::seq);

  /**
   * The best {@code limit} candidates of each queue, merged, the best {@code limit} of those kept.
   * The others stay locked until the claim commits, unchanged: other claimers skip them meanwhile.
   */
  private List<Long> queueByQueue(Connection connection, Claim claim, Instant now)
      throws SQLException {
    List<Candidate> all = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            sql.claimCandidates("seq, priority, run_at", 1, claim.types().size()))) {
      for (String queue : claim.queues()) {
        select.setLong(1, Times.micros(now));
        select.setString(2, queue);
        int index = Sql.setStrings(select, 3, claim.types());
        select.setInt(index, claim.limit());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            all.add(new Candidate(rows.getLong(1), rows.getInt(2), rows.getLong(3)));
          }
        }
      }
    }
    all.sort(CANDIDATE_ORDER);
    List<Long> seqs = new ArrayList<>(Math.min(all.size(), claim.limit()));
    for (Candidate candidate : all.subList(0, Math.min(all.size(), claim.limit()))) {
      seqs.add(candidate.seq());
    }
    return seqs;
  }

  private static int bindSet(PreparedStatement statement, Claim claim, Instant now)
      throws SQLException {
    long nowMicros = Times.micros(now);
    statement.setLong(1, nowMicros);
    statement.setString(2, claim.owner());
    statement.setString(3, claim.token());
    statement.setLong(4, Times.micros(Times.plus(now, claim.lease())));
    statement.setLong(5, nowMicros);
    return 6;
  }

  private static void bindCandidates(
      PreparedStatement statement, int index, Claim claim, Instant now) throws SQLException {
    statement.setLong(index++, Times.micros(now));
    index = Sql.setStrings(statement, index, claim.queues());
    index = Sql.setStrings(statement, index, claim.types());
    statement.setInt(index, claim.limit());
  }

  private static List<TaskRecord> readAll(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      return mapAll(rows);
    }
  }

  private static List<TaskRecord> mapAll(ResultSet rows) throws SQLException {
    List<TaskRecord> records = new ArrayList<>();
    while (rows.next()) {
      records.add(TaskRows.map(rows));
    }
    return records;
  }
}
