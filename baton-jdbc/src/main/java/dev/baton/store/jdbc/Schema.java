package dev.baton.store.jdbc;

import dev.baton.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

/**
 * Creates and upgrades Baton's tables. The applied version lives in {@code baton_schema_version};
 * missing steps run in order in one write transaction that first takes the dialect's schema lock
 * (SQLite's write lock, a PostgreSQL advisory lock, a MariaDB named lock) and then re-reads the
 * version, so two processes opening a fresh database at the same moment apply each step once: the
 * second waits for the first and then finds nothing left to do. Where DDL commits by itself
 * (MariaDB), each step is written to be safe to run twice and its version row is inserted only if
 * missing.
 */
final class Schema {
  static final String VERSION_TABLE = "baton_schema_version";

  private Schema() {}

  /** Brings the schema to the dialect's latest version; returns that version. */
  static int migrate(Database db, InstantSource clock) {
    List<Dialect.Migration> migrations = db.dialect().migrations();
    int latest = migrations.get(migrations.size() - 1).version();
    return db.write(
        "creating or upgrading the schema",
        connection -> {
          db.dialect().lockSchema(connection);
          try {
            return migrate(db, connection, migrations, latest, clock);
          } finally {
            db.dialect().unlockSchema(connection);
          }
        });
  }

  private static int migrate(
      Database db,
      Connection connection,
      List<Dialect.Migration> migrations,
      int latest,
      InstantSource clock)
      throws SQLException {
    Dialect.execute(
        connection,
        "CREATE TABLE IF NOT EXISTS "
            + VERSION_TABLE
            + " (version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
            + " applied_at BIGINT NOT NULL)");
    int current = version(connection);
    if (current > latest) {
      throw new StoreException(
          db.label()
              + ": the schema is at version "
              + current
              + ", newer than this Baton knows ("
              + latest
              + "); upgrade Baton");
    }
    for (Dialect.Migration migration : migrations) {
      if (migration.version() > current) {
        apply(db.dialect(), connection, migration, clock);
      }
    }
    return latest;
  }

  static int version(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE);
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getInt(1) : 0;
    }
  }

  private static void apply(
      Dialect dialect, Connection connection, Dialect.Migration migration, InstantSource clock)
      throws SQLException {
    for (String statement : migration.statements()) {
      Dialect.execute(connection, statement);
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            dialect.insertIgnore(
                VERSION_TABLE, List.of("version", "description", "applied_at"), "version"))) {
      insert.setInt(1, migration.version());
      insert.setString(2, migration.description());
      insert.setLong(3, Times.micros(clock.instant()));
      insert.executeUpdate();
    }
  }
}
