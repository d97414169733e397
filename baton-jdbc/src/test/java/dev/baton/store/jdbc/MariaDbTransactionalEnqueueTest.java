package dev.baton.store.jdbc;

@MariaDbTest
class MariaDbTransactionalEnqueueTest extends TransactionalEnqueueTest {
  MariaDbTransactionalEnqueueTest() {
    super(TestServer.MARIADB);
  }
}
