package dev.baton.store.jdbc;

import dev.baton.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The store's connections. For SQLite, two: every write runs on the one writer connection under a
 * lock, as one transaction, so writers of this process queue in Java instead of fighting over the
 * database lock; reads run on a second connection and, under WAL, never wait for the writer; a
 * third belongs to the {@link SqliteCheckpointer}. For a database server, a pool: each write
 * borrows a connection for its transaction, and one that lost a race the database broke (a
 * deadlock, a serialization failure) runs again. Every {@link SQLException} leaves as a {@link
 * StoreException} that says what Baton was doing.
 */
final class Database implements AutoCloseable {
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Dialect dialect;
  private final String label;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ReentrantLock readLock = new ReentrantLock();
  private final Connection writer;
  private final Connection reader;
  private final DataSource pool;
  private final SqliteCheckpointer checkpointer;

  /** The writer's prepared statements by SQL, used under the write lock. */
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  /** The reader's, used under the read lock. */
  private final Map<String, PreparedStatement> preparedReads = new HashMap<>();

  private volatile boolean closed;

  /**
   * Opens both connections.
   *
   * @param label names the database in messages, such as {@code SQLite database /data/baton.db}
   */
  Database(Dialect dialect, String label, Opener opener) {
    this.dialect = dialect;
    this.label = label;
    this.pool = null;
    try {
      this.writer = opener.open();
    } catch (SQLException e) {
      throw new StoreException(label + ": opening the database failed", e);
    }
    Connection reader = null;
    try {
      reader = opener.open();
      Dialect.execute(writer, "PRAGMA wal_autocheckpoint = " + SqliteCheckpointer.WRITER_PAGES);
      this.checkpointer = new SqliteCheckpointer(opener.open(), label);
    } catch (SQLException e) {
      if (reader != null) {
        closeQuietly(reader, e);
      }
      closeQuietly(writer, e);
      throw new StoreException(label + ": opening the database failed", e);
    }
    this.reader = reader;
  }

  /**
   * Borrows connections from a pool, which this database closes with itself when it is {@link
   * AutoCloseable}.
   */
  Database(Dialect dialect, String label, DataSource pool) {
    this.dialect = dialect;
    this.label = label;
    this.pool = pool;
    this.writer = null;
    this.reader = null;
    this.checkpointer = null;
  }

  Dialect dialect() {
    return dialect;
  }

  String label() {
    return label;
  }

  /** Runs {@code work} in one write transaction: all of it commits, or none of it. */
  <T> T write(String doing, Work<T> work) {
    if (pool != null) {
      return pooledWrite(doing, connection -> inTransaction(connection, work));
    }
    writeLock.lock();
    try {
      checkOpen();
      try {
        dialect.begin(writer);
      } catch (SQLException e) {
        throw failed(doing, e);
      }
      boolean committed = false;
      try {
        T result = work.apply(writer);
        dialect.commit(writer);
        committed = true;
        checkpointer.committed();
        return result;
      } catch (SQLException e) {
        throw failed(doing, e);
      } finally {
        if (!committed) {
          rollback();
        }
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work}, which must be a single write statement, in auto-commit mode: the statement
   * is its own transaction, committed when it returns, as durably as {@link #write}'s, without the
   * separate begin and commit (on a server, one round trip instead of two).
   */
  <T> T writeOne(String doing, Work<T> work) {
    if (pool != null) {
      return pooledWrite(doing, work);
    }
    writeLock.lock();
    try {
      checkOpen();
      T result = work.apply(writer);
      checkpointer.committed();
      return result;
    } catch (SQLException e) {
      throw failed(doing, e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * A prepared statement for {@code sql} on {@code connection}, to hand back to {@link #release}
   * instead of closing. The SQLite writer's statements are kept and reused: SQLite compiles a
   * statement on every prepare, which was a fifth of a single enqueue's time. A server's driver
   * keeps its own cache, so there this prepares as usual.
   */
  PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    Map<String, PreparedStatement> kept = kept(connection);
    if (kept == null) {
      return connection.prepareStatement(sql);
    }
    PreparedStatement statement = kept.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      kept.put(sql, statement);
    }
    return statement;
  }

  /** Ends a use of a statement from {@link #prepare}: closes it unless it is kept. */
  void release(PreparedStatement statement) throws SQLException {
    if (kept(statement.getConnection()) != null) {
      statement.clearBatch();
      statement.clearParameters();
    } else {
      statement.close();
    }
  }

  /** The statements kept for {@code connection}: the SQLite writer's or reader's, else null. */
  private Map<String, PreparedStatement> kept(Connection connection) {
    if (pool != null) {
      return null;
    }
    return connection == writer ? prepared : connection == reader ? preparedReads : null;
  }

  /** Runs {@code work} on the read connection; each statement sees the latest commit. */
  <T> T read(String doing, Work<T> work) {
    if (pool != null) {
      checkOpen();
      try (Connection connection = pool.getConnection()) {
        return work.apply(connection);
      } catch (SQLException e) {
        throw failed(doing, e);
      }
    }
    readLock.lock();
    try {
      checkOpen();
      return work.apply(reader);
    } catch (SQLException e) {
      throw failed(doing, e);
    } finally {
      readLock.unlock();
    }
  }

  /** Runs {@code work} on a pooled connection, again when the database broke a race. */
  private <T> T pooledWrite(String doing, Work<T> work) {
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = pool.getConnection()) {
        return work.apply(connection);
      } catch (SQLException e) {
        // SQLSTATE class 40: the database rolled the transaction back to break a deadlock or a
        // serialization conflict; nothing of it was kept, so running it again is safe.
        if (attempt >= 5 || e.getSQLState() == null || !e.getSQLState().startsWith("40")) {
          throw failed(doing, e);
        }
      }
    }
  }

  /** Runs {@code work} as one transaction on a connection in auto-commit mode. */
  <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
    dialect.begin(connection);
    boolean committed = false;
    try {
      T result = work.apply(connection);
      dialect.commit(connection);
      committed = true;
      return result;
    } finally {
      if (!committed) {
        try {
          dialect.rollback(connection);
        } catch (SQLException ignored) {
          // As in rollback() below: the original error is what matters.
        }
      }
    }
  }

  private void rollback() {
    try {
      dialect.rollback(writer);
    } catch (SQLException ignored) {
      // The database already rolled back (it does on some errors), or the connection is gone;
      // either way nothing of the transaction was kept, and the original error is what matters.
    }
  }

  private StoreException failed(String doing, SQLException e) {
    return new StoreException(label + ": " + doing + " failed", e);
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException(label + ": the store is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (pool != null) {
      closed = true;
      if (pool instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new StoreException(label + ": closing the connection pool failed", e);
        }
      }
      return;
    }
    SQLException failure = null;
    writeLock.lock();
    readLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Map<String, PreparedStatement> kept : List.of(prepared, preparedReads)) {
        for (PreparedStatement statement : kept.values()) {
          try {
            statement.close();
          } catch (SQLException e) {
            failure = e;
          }
        }
        kept.clear();
      }
      try {
        checkpointer.close();
      } catch (SQLException e) {
        failure = e;
      }
      failure = closeQuietly(reader, failure);
      failure = closeQuietly(writer, failure);
    } finally {
      readLock.unlock();
      writeLock.unlock();
    }
    if (failure != null) {
      throw new StoreException(label + ": closing the database failed", failure);
    }
  }

  private static SQLException closeQuietly(Connection connection, SQLException earlier) {
    try {
      connection.close();
      return earlier;
    } catch (SQLException e) {
      if (earlier != null) {
        earlier.addSuppressed(e);
        return earlier;
      }
      return e;
    }
  }
}
