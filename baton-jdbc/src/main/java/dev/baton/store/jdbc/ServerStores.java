package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.spi.BackendUrls;
import dev.baton.spi.Capabilities;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskStore;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Properties;

/**
 * Opens a store on a database server: a HikariCP pool, the schema brought up to date, the clock
 * (the server's unless the URL asks for the caller's), and the dialect's cross-process signal.
 */
final class ServerStores {
  private ServerStores() {}

  /** What differs per server besides the dialect: driver settings and the wake-up signal. */
  interface Server {
    Dialect dialect();

    ServerUrl parse(String url);

    /** Driver properties for every connection. */
    Properties driverProperties();

    /**
     * Transaction isolation for every connection, as HikariCP names it, or null for the default.
     */
    String isolation();

    /** The signal to other processes, or {@link Signal#NONE}. */
    Signal signal(ServerUrl url, Database db, Runnable wakeHere);
  }

  static TaskStore open(Server server, String url, StoreContext context) {
    ServerUrl parsed = server.parse(url);
    String label = server.dialect().name() + " database " + BackendUrls.mask(url);
    HikariDataSource pool = pool(server, parsed, label);
    Database db = new Database(server.dialect(), label, pool);
    try {
      Schema.migrate(db, context.clock());
      InstantSource clock =
          parsed.callerClock()
              ? context.clock()
              : new DatabaseClock(pool, server.dialect().clockQuery());
      JdbcStore[] store = new JdbcStore[1];
      Signal signal =
          server.signal(
              parsed,
              db,
              () -> {
                JdbcStore opened = store[0];
                if (opened != null) {
                  opened.wakeHere();
                }
              });
      Capabilities capabilities =
          Capabilities.builder()
              .durable(true)
              .callerClock(parsed.callerClock())
              .wakeups(signal.pushes())
              .listing(true)
              .schedules(true)
              .keyValue(true)
              .build();
      store[0] = new JdbcStore(db, clock, capabilities, signal);
      return store[0];
    } catch (SQLException e) {
      db.close();
      throw new StoreException(label + ": reading the database clock failed", e);
    } catch (RuntimeException e) {
      try {
        db.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static HikariDataSource pool(Server server, ServerUrl url, String label) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url.jdbcUrl());
    config.setUsername(url.user());
    config.setPassword(url.password());
    config.setMaximumPoolSize(url.poolSize());
    config.setPoolName("baton-" + server.dialect().name().toLowerCase());
    // A node whose database went away fails its calls within seconds and keeps retrying, rather
    // than hanging for HikariCP's default 30 s per call.
    config.setConnectionTimeout(5_000);
    config.setDataSourceProperties(server.driverProperties());
    if (server.isolation() != null) {
      config.setTransactionIsolation(server.isolation());
    }
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
      throw new StoreException(label + ": cannot connect", cause);
    }
  }
}
