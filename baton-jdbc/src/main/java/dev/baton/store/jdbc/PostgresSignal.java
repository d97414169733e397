package dev.baton.store.jdbc;

import dev.baton.spi.Backoff;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups between nodes through PostgreSQL's {@code LISTEN/NOTIFY}, on a channel per schema.
 *
 * <p>Sending: {@link #publish()} only sets a flag; a sender thread turns it into one {@code NOTIFY}
 * on a pooled connection, right away after a quiet spell, then at most one per {@link #SPACING}
 * however many enqueues and requeues asked: a burst of commits costs the database a handful of
 * notifications, and the last of them always follows the last commit.
 *
 * <p>Hearing: a listener thread holds one connection of its own outside the pool, waits on it for
 * notifications and wakes this process's idle workers. If that connection drops (a database
 * restart, a network cut), it reconnects with backoff and wakes the workers once connected, since
 * notifications sent meanwhile are lost; until then the engine's poll interval finds the work.
 *
 * <p>The sender's notifications carry this signal's own mark, and its listener ignores them: it
 * woke this process's workers itself before asking for them, and an echo would only send its idle
 * dispatcher into an empty claim, in the way of the next task's. A transactional enqueue's
 * notification carries no mark: this process hears about that commit only through it.
 */
final class PostgresSignal implements Signal {
  private static final Logger log = LoggerFactory.getLogger(PostgresSignal.class);
  static final Duration SPACING = Duration.ofMillis(2);

  /**
   * A NOTIFY is a transaction with an id, and its commit waited for a WAL flush like an enqueue's,
   * up to one per {@link #SPACING} next to the producer's and the workers' commits. Nothing durable
   * rides on it (the tasks it announces committed before it was asked for, and a lost one leaves
   * other nodes to their poll), so its own commit does not wait. Notifications are delivered at
   * commit either way.
   */
  private static final String ASYNC_NOTIFY =
      "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, ?)";

  private final ServerUrl url;
  private final Database db;
  private final String channel;
  private final Runnable wakeHere;

  /** The payload of this signal's own notifications. */
  private final String origin = UUID.randomUUID().toString();

  private final Thread sender;
  private final Thread listener;
  private volatile boolean pending;
  private volatile boolean closed;
  private volatile Connection listening;

  PostgresSignal(ServerUrl url, Database db, String schema, Runnable wakeHere) {
    this.url = url;
    this.db = db;
    this.channel = "baton:" + schema;
    this.wakeHere = wakeHere;
    this.sender = Thread.ofPlatform().daemon().name("baton-notify").start(this::send);
    this.listener = Thread.ofPlatform().daemon().name("baton-listen").start(this::listen);
  }

  @Override
  public void publish() {
    if (!pending) {
      pending = true;
      LockSupport.unpark(sender);
    }
  }

  @Override
  public boolean pushes() {
    return true;
  }

  @Override
  public void publishIn(Connection connection) throws SQLException {
    notify(connection, "");
  }

  private void notify(Connection connection, String payload) throws SQLException {
    notify(connection, "SELECT pg_notify(?, ?)", payload);
  }

  private void notify(Connection connection, String statement, String payload) throws SQLException {
    try (PreparedStatement notify = connection.prepareStatement(statement)) {
      notify.setString(1, channel);
      notify.setString(2, payload);
      notify.execute();
    }
  }

  private void send() {
    while (!closed) {
      if (!pending) {
        LockSupport.park(this);
        continue;
      }
      pending = false;
      try {
        db.read(
            "notifying other nodes",
            connection -> {
              notify(connection, ASYNC_NOTIFY, origin);
              return null;
            });
      } catch (RuntimeException e) {
        // Other nodes find the work at their next poll; the database outage shows elsewhere.
        log.debug("NOTIFY failed", e);
      }
      LockSupport.parkNanos(SPACING.toNanos());
    }
  }

  private void listen() {
    Backoff backoff = new Backoff();
    while (!closed) {
      try (Connection connection = connect()) {
        listening = connection;
        Dialect.execute(connection, "LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
        if (backoff.succeeded()) {
          log.info("Listening for other nodes' tasks again on {}", channel);
        }
        wakeHere.run();
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications(0);
          if (fromElsewhere(notifications)) {
            wakeHere.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        long delay = backoff.failed();
        log.warn(
            "Lost the LISTEN connection to {} ({}); idle workers poll until it is back;"
                + " reconnecting in {} ms",
            db.label(),
            e.getMessage(),
            delay);
        LockSupport.parkNanos(Duration.ofMillis(delay).toNanos());
      } finally {
        listening = null;
      }
    }
  }

  private boolean fromElsewhere(PGNotification[] notifications) {
    if (notifications == null) {
      return false;
    }
    for (PGNotification notification : notifications) {
      if (!origin.equals(notification.getParameter())) {
        return true;
      }
    }
    return false;
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (url.user() != null) {
      properties.setProperty("user", url.user());
    }
    if (url.password() != null) {
      properties.setProperty("password", url.password());
    }
    properties.setProperty("ApplicationName", "baton-listen");
    // A dead peer must not leave the listener blocked forever on a silent socket.
    properties.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(url.jdbcUrl(), properties);
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(sender);
    Connection connection = listening;
    if (connection != null) {
      try {
        // Unblocks the listener's wait with an error that it ignores now that it is closed.
        connection.close();
      } catch (SQLException ignored) {
        // Closing anyway.
      }
    }
    listener.interrupt();
  }
}
