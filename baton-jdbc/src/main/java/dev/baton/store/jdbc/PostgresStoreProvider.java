package dev.baton.store.jdbc;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * Opens {@code jdbc:postgresql://HOST[:PORT]/DATABASE} URLs, with the driver's parameters (such as
 * {@code currentSchema=} or {@code sslmode=}) and Baton's own:
 *
 * <ul>
 *   <li>{@code user=} and {@code password=} (or {@code user:password@HOST}): the login;
 *   <li>{@code baton.pool=10}: the connection pool's size;
 *   <li>{@code baton.clock=database}: "now" is the database server's clock, so that nodes whose
 *       clocks disagree still agree on leases and run-at times; {@code baton.clock=caller} takes
 *       the engine's clock instead, for tests that drive time with a manual clock;
 *   <li>{@code baton.listen=true}: idle workers hear about other nodes' tasks through {@code
 *       LISTEN/NOTIFY} on one extra connection; {@code false} leaves them to the poll interval.
 * </ul>
 *
 * <p>Baton's tables are created in the first schema of the search path, and upgraded when an older
 * Baton made them; nodes starting at the same moment take turns through an advisory lock.
 */
public final class PostgresStoreProvider implements StoreProvider {
  private static final String SCHEME = "jdbc:postgresql";
  private static final String USAGE =
      "use jdbc:postgresql://HOST[:PORT]/DATABASE?user=U&password=P";

  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public PostgresStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
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
    return ServerStores.open(new Postgres(), url, context);
  }

  private static final class Postgres implements ServerStores.Server {
    private final PostgresDialect dialect = new PostgresDialect();

    @Override
    public Dialect dialect() {
      return dialect;
    }

    @Override
    public ServerUrl parse(String url) {
      return ServerUrl.parse(url, USAGE, SCHEME);
    }

    @Override
    public Properties driverProperties() {
      Properties properties = new Properties();
      properties.setProperty("ApplicationName", "baton");
      return properties;
    }

    @Override
    public String isolation() {
      return null;
    }

    @Override
    public Signal signal(ServerUrl url, Database db, Runnable wakeHere) {
      if (!url.listen()) {
        return Signal.NONE;
      }
      String schema =
          db.read(
              "reading the current schema",
              connection -> {
                try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                  row.next();
                  return row.getString(1);
                }
              });
      return new PostgresSignal(url, db, schema, wakeHere);
    }
  }
}
