package dev.baton.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database server's durability settings, read from the server itself rather than assumed, so that
 * every figure names the mode it was measured in: PostgreSQL's {@code synchronous_commit} and
 * {@code fsync}, MariaDB's {@code innodb_flush_log_at_trx_commit}.
 */
final class ServerDurability {
  private static final Map<String, String> READ = new ConcurrentHashMap<>();

  private ServerDurability() {}

  /** The settings in words, read once per URL; or why they could not be read. */
  static String of(String backend) {
    return READ.computeIfAbsent(backend, ServerDurability::read);
  }

  /** The URL without Baton's own {@code baton.} options, for the JDBC driver alone. */
  static String plainJdbcUrl(String backend) {
    int query = backend.indexOf('?');
    if (query < 0) {
      return backend;
    }
    StringBuilder kept = new StringBuilder();
    for (String option : backend.substring(query + 1).split("&")) {
      if (!option.startsWith("baton.") && !option.isEmpty()) {
        kept.append(kept.isEmpty() ? "" : "&").append(option);
      }
    }
    return backend.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
  }

  private static String read(String backend) {
    boolean postgres = backend.startsWith("jdbc:postgresql:");
    String query =
        postgres
            ? "SELECT current_setting('synchronous_commit'), current_setting('fsync')"
            : "SELECT @@innodb_flush_log_at_trx_commit, @@sync_binlog";
    try (Connection connection = DriverManager.getConnection(plainJdbcUrl(backend));
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      row.next();
      return postgres
          ? "synchronous_commit=" + row.getString(1) + ", fsync=" + row.getString(2)
          : "innodb_flush_log_at_trx_commit="
              + row.getString(1)
              + ", sync_binlog="
              + row.getString(2);
    } catch (SQLException e) {
      return "unknown (reading the server's settings failed: " + e.getMessage() + ")";
    }
  }
}
