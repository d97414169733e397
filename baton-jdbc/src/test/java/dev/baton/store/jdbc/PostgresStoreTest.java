package dev.baton.store.jdbc;

@PostgresTest
class PostgresStoreTest extends ServerStoreTest {
  PostgresStoreTest() {
    super(TestServer.POSTGRESQL, new PostgresDialect());
  }
}
