package dev.baton.store.jdbc;

@MariaDbTest
class MariaDbStoreTest extends ServerStoreTest {
  MariaDbStoreTest() {
    super(TestServer.MARIADB, new MariaDbDialect());
  }
}
