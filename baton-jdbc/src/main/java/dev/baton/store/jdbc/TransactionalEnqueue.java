package dev.baton.store.jdbc;

import dev.baton.Baton;
import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Enqueues inside the caller's own JDBC transaction (the outbox pattern): the tasks exist if and
 * only if that transaction commits, together with the caller's own rows.
 *
 * <pre>{@code
 * try (Connection connection = dataSource.getConnection()) {
 *   connection.setAutoCommit(false);
 *   insertOrder(connection, order);
 *   TaskId id = TransactionalEnqueue.in(connection, baton,
 *       b -> b.enqueue(SEND_RECEIPT, new Receipt(order.id())).id());
 *   connection.commit();     // the order and its task, or neither
 * }
 * }</pre>
 *
 * <p>Every enqueue that {@code work} makes through {@code baton} on the calling thread runs its
 * insert on {@code connection} and leaves the commit or rollback to the caller; nothing else
 * changes (validation, ids, defaults, "created" flags). The connection must reach the database and
 * schema that {@code baton}'s backend URL names, and its transaction must be open (auto-commit
 * off). On PostgreSQL the wake-up ({@code NOTIFY}) rides in the same transaction, so idle workers
 * everywhere hear of the task when it commits; on MariaDB they find it at their next poll.
 */
public final class TransactionalEnqueue {
  private static final ThreadLocal<Connection> BOUND = new ThreadLocal<>();

  private TransactionalEnqueue() {}

  /**
   * Runs {@code work} with {@code baton}'s enqueues bound to {@code connection}'s transaction.
   *
   * @param connection an open connection in a transaction (auto-commit off) to Baton's database
   * @param baton an instance on a JDBC backend ({@code jdbc:postgresql:}, {@code jdbc:mariadb:},
   *     {@code jdbc:mysql:} or {@code sqlite:})
   * @param work the enqueues, such as {@code b -> b.enqueue(TYPE, payload)}
   * @param <T> what {@code work} returns
   * @return what {@code work} returned
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code baton} does not run on a JDBC backend
   * @throws IllegalStateException if the connection is in auto-commit mode or closed
   * @throws StoreException if an insert fails; then the caller's transaction should roll back
   */
  public static <T> T in(Connection connection, Baton baton, Function<Baton, T> work) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(baton, "baton");
    Objects.requireNonNull(work, "work");
    if (!(baton.backend() instanceof JdbcStore)) {
      throw new IllegalArgumentException(
          "Transactional enqueue needs a JDBC backend, but this"
              + " Baton runs on "
              + baton.backend().getClass().getSimpleName());
    }
    try {
      if (connection.isClosed() || connection.getAutoCommit()) {
        throw new IllegalStateException(
            "Transactional enqueue needs an open connection with"
                + " auto-commit off, or each task would commit at once; call setAutoCommit(false)");
      }
    } catch (SQLException e) {
      throw new StoreException("Checking the caller's connection failed", e);
    }
    Connection previous = BOUND.get();
    BOUND.set(connection);
    try {
      return work.apply(baton);
    } finally {
      if (previous == null) {
        BOUND.remove();
      } else {
        BOUND.set(previous);
      }
    }
  }

  /** The caller's connection that enqueues on this thread must use, or null. */
  static Connection bound() {
    return BOUND.get();
  }

  static String describe(Connection connection) {
    try {
      return BackendUrls.mask(connection.getMetaData().getURL());
    } catch (SQLException e) {
      return "the caller's connection";
    }
  }
}
