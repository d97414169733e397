package dev.baton.store.jdbc;

import dev.baton.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The store's connections. For SQLite, two: every write runs on the one writer connection under a
 * lock, as one transaction, so writers of this process queue in Java instead of fighting over the
 * database lock; reads run on a second connection and, under WAL, never wait for the writer. For a
 * database server, a pool: each write borrows a connection for its transaction, and one that lost
 * a race the database broke (a deadlock, a serialization failure) runs again. Every {@link
 * SQLException} leaves as a {@link StoreException} that says what Baton was doing.
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
    try {
      this.reader = opener.open();
    } catch (SQLException e) {
      closeQuietly(writer, e);
      throw new StoreException(label + ": opening the database failed", e);
    }
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
      return pooledWrite(doing, work);
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

  private <T> T pooledWrite(String doing, Work<T> work) {
    checkOpen();
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = pool.getConnection()) {
        return inTransaction(connection, work);
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
      failure = closeQuietly(reader, null);
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
