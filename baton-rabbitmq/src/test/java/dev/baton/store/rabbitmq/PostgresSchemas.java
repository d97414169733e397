package dev.baton.store.rabbitmq;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The PostgreSQL test server's schemas of the running {@link PostgresState} test classes. */
final class PostgresSchemas {
  static final String BASE = "jdbc:postgresql://127.0.0.1:" + port() + "/baton";
  static final Map<Class<?>, String> SCHEMAS = new ConcurrentHashMap<>();

  private PostgresSchemas() {}

  /** The state URL of the class's schema, on the caller's clock, with Baton's tables emptied. */
  static String emptyUrl(Class<?> testClass) {
    String schema = SCHEMAS.get(testClass);
    // TRUNCATE fires no row or DELETE triggers: the count tables are emptied with the tasks.
    execute(
        "DO $$ BEGIN IF to_regclass('"
            + schema
            + ".baton_tasks') IS NOT NULL THEN"
            + " TRUNCATE TABLE "
            + schema
            + ".baton_tasks, "
            + schema
            + ".baton_kv, "
            + schema
            + ".baton_schedules, "
            + schema
            + ".baton_task_counts, "
            + schema
            + ".baton_task_count_changes; END IF; END $$");
    return BASE + "?currentSchema=" + schema + "&user=baton&password=baton&baton.clock=caller";
  }

  private static int port() {
    String value = System.getenv("BATON_PG_PORT");
    return value == null || value.isBlank() ? 55432 : Integer.parseInt(value);
  }

  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(BASE, "baton", "baton");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + BASE
              + ": "
              + e.getMessage()
              + " (start the test servers with ./scripts/services start)",
          e);
    }
  }
}
