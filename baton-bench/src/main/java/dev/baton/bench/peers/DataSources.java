package dev.baton.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Connection pools and plain statements for the peers. */
final class DataSources {
  private DataSources() {}

  static HikariDataSource pool(PeerOptions options, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(options.jdbcUrl());
    config.setMaximumPoolSize(options.poolSize());
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  static void execute(HikariDataSource pool, String... statements) {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("running " + statements[0] + " failed: " + e.getMessage(), e);
    }
  }
}
