package dev.baton.store.jdbc;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database servers that {@code ./scripts/services start} runs for tests, and a fresh schema
 * (PostgreSQL) or database (MariaDB) per test class, made by {@link FreshDatabase} before the class
 * and dropped after it. A server that does not answer fails the test class, naming the command that
 * starts it.
 */
enum TestServer {
  POSTGRESQL(
      "PostgreSQL", "jdbc:postgresql://127.0.0.1:" + port("BATON_PG_PORT", 55432) + "/baton"),
  MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:" + port("BATON_MARIADB_PORT", 53306) + "/");

  static final String USER = "baton";
  static final String PASSWORD = "baton";

  private final String name;
  private final String base;
  private final Map<Class<?>, String> namespaces = new ConcurrentHashMap<>();

  TestServer(String name, String base) {
    this.name = name;
    this.base = base;
  }

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }

  /** A connection as the test user, to the server's default database. */
  Connection admin() {
    try {
      return DriverManager.getConnection(base + (this == MARIADB ? "baton" : ""), USER, PASSWORD);
    } catch (SQLException e) {
      throw new IllegalStateException(
          name
              + " is not reachable at "
              + base
              + " ("
              + e.getMessage()
              + "). Start the test servers with ./scripts/services start",
          e);
    }
  }

  /** Makes the test class's schema or database. */
  void create(Class<?> testClass) {
    // Nested classes of two backends share simple names (Queue, Kv): the enclosing name tells them
    // apart.
    String name = ("t_" + nestedName(testClass).toLowerCase()).replaceAll("[^a-z0-9_]", "");
    String namespace =
        name.substring(0, Math.min(40, name.length()))
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    execute((this == POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + namespace);
    namespaces.put(testClass, namespace);
  }

  /** The class's name inside its package, {@code Outer_Nested} for a nested class. */
  static String nestedName(Class<?> testClass) {
    return testClass.getName().substring(testClass.getPackageName().length() + 1).replace('$', '_');
  }

  /** Drops the test class's schema or database with everything in it. */
  void drop(Class<?> testClass) {
    String namespace = namespaces.remove(testClass);
    if (namespace != null) {
      execute(
          this == POSTGRESQL
              ? "DROP SCHEMA " + namespace + " CASCADE"
              : "DROP DATABASE " + namespace);
    }
  }

  /** The test class's schema (PostgreSQL) or database (MariaDB). */
  String namespace(Class<?> testClass) {
    return namespaces.get(testClass);
  }

  /** The backend URL of the test class's schema or database, with the login and options. */
  String url(Class<?> testClass, String options) {
    String namespace = namespaces.get(testClass);
    if (namespace == null) {
      throw new IllegalStateException(
          testClass.getName()
              + " has no database of its own: annotate"
              + " it with @"
              + (this == POSTGRESQL ? "PostgresTest" : "MariaDbTest"));
    }
    String url = this == POSTGRESQL ? base + "?currentSchema=" + namespace : base + namespace;
    return url
        + (url.contains("?") ? "&" : "?")
        + "user="
        + USER
        + "&password="
        + PASSWORD
        + (options.isEmpty() ? "" : "&" + options);
  }

  /**
   * Opens a store on the test class's schema, on the caller's clock, and empties it: each test
   * starts from nothing, as on a fresh SQLite file.
   */
  TaskStore openEmpty(Class<?> testClass, InstantSource clock) {
    TaskStore store =
        StoreProviders.open(url(testClass, "baton.clock=caller"), new StoreContext(clock));
    String namespace = namespaces.get(testClass);
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      // TRUNCATE fires no row or DELETE triggers: the count tables are emptied with the tasks.
      for (String table :
          new String[] {
            "baton_tasks",
            "baton_kv",
            "baton_schedules",
            "baton_task_counts",
            "baton_task_count_changes"
          }) {
        statement.execute("TRUNCATE TABLE " + namespace + "." + table);
      }
    } catch (SQLException e) {
      store.close();
      throw new IllegalStateException("emptying " + namespace + " failed", e);
    }
    return store;
  }

  private void execute(String sql) {
    try (Connection connection = admin();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(name + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }
}
