/**
 * The SQL backends: SQLite ({@code sqlite:PATH}), PostgreSQL ({@code jdbc:postgresql://…}) and
 * MariaDB/MySQL ({@code jdbc:mariadb://…}, {@code jdbc:mysql://…}), found by URL through {@link
 * dev.baton.spi.StoreProvider}. The exported package holds the providers and {@link
 * dev.baton.store.jdbc.TransactionalEnqueue}; the store itself stays inside.
 *
 * @provides dev.baton.spi.StoreProvider the sqlite:, jdbc:postgresql:, jdbc:mariadb: and
 *     jdbc:mysql: backends
 */
module dev.baton.jdbc {
  // TransactionalEnqueue takes a java.sql.Connection and a Baton.
  requires transitive dev.baton.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires org.postgresql.jdbc;
  // Reached only by URL through DriverManager; required so that the drivers the backends promise
  // are always in the module graph, not only when service binding happens to pull them in.
  requires org.mariadb.jdbc;
  requires org.xerial.sqlitejdbc;
  requires org.slf4j;

  exports dev.baton.store.jdbc;

  provides dev.baton.spi.StoreProvider with
      dev.baton.store.jdbc.SqliteStoreProvider,
      dev.baton.store.jdbc.PostgresStoreProvider,
      dev.baton.store.jdbc.MariaDbStoreProvider;
}
