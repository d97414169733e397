package dev.baton.store.jdbc;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.util.Properties;
import java.util.Set;

/**
 * Opens {@code jdbc:mariadb://HOST[:PORT]/DATABASE} and {@code jdbc:mysql://HOST[:PORT]/DATABASE}
 * URLs, both through the MariaDB driver, with the driver's parameters and Baton's own:
 *
 * <ul>
 *   <li>{@code user=} and {@code password=} (or {@code user:password@HOST}): the login;
 *   <li>{@code baton.pool=10}: the connection pool's size;
 *   <li>{@code baton.clock=database}: "now" is the database server's clock, so that nodes whose
 *       clocks disagree still agree on leases and run-at times; {@code baton.clock=caller} takes
 *       the engine's clock instead, for tests that drive time with a manual clock;
 *   <li>{@code baton.listen=true}: idle workers poll for other nodes' tasks on an adaptive schedule
 *       (below); {@code false} leaves them to the engine's poll interval.
 * </ul>
 *
 * <p>Needs MariaDB 10.6 or newer (or MySQL 8.0 or newer) for {@code SKIP LOCKED}. Baton's tables
 * are created in the URL's database, and upgraded when an older Baton made them; nodes starting at
 * the same moment take turns through a named lock. MariaDB has no notifications: idle workers look
 * for other nodes' tasks on an adaptive poll ({@code baton.listen=true}, the default), every few
 * milliseconds while tasks keep turning up and backing off to every 250 ms when idle; with {@code
 * baton.listen=false}, only at the engine's poll interval.
 */
public final class MariaDbStoreProvider implements StoreProvider {
  private static final String USAGE =
      "use jdbc:mariadb://HOST[:PORT]/DATABASE?user=U&password=P (or jdbc:mysql://...)";

  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public MariaDbStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("jdbc:mariadb", "jdbc:mysql");
  }

  /**
   * Connects, creates or upgrades Baton's tables, and opens the store.
   *
   * @throws IllegalArgumentException if the URL is malformed or names an unknown {@code baton.}
   *     option; the message shows the URL with its password masked
   * @throws StoreException if the database cannot be reached, or its schema is newer than this
   *     version of Baton
   */
  @Override
  public TaskStore open(String url, StoreContext context) {
    return ServerStores.open(new MariaDb(), url, context);
  }

  private static final class MariaDb implements ServerStores.Server {
    private final MariaDbDialect dialect = new MariaDbDialect();

    @Override
    public Dialect dialect() {
      return dialect;
    }

    @Override
    public ServerUrl parse(String url) {
      return ServerUrl.parse(url, USAGE, "jdbc:mariadb", "jdbc:mysql");
    }

    @Override
    public Properties driverProperties() {
      Properties properties = new Properties();
      // Real per-statement update counts from batches (bulk mode answers "success, no info"),
      // which enqueue and settle read as "inserted" and "fenced off".
      properties.setProperty("useBulkStmts", "false");
      properties.setProperty("useBulkStmtsForInserts", "false");
      return properties;
    }

    @Override
    public String isolation() {
      return "TRANSACTION_READ_COMMITTED";
    }

    @Override
    public Signal signal(ServerUrl url, Database db, Runnable wakeHere) {
      return url.listen() ? new PollingSignal(wakeHere) : Signal.NONE;
    }
  }
}
