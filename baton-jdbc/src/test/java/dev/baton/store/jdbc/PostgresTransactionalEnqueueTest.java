package dev.baton.store.jdbc;

@PostgresTest
class PostgresTransactionalEnqueueTest extends TransactionalEnqueueTest {
  PostgresTransactionalEnqueueTest() {
    super(TestServer.POSTGRESQL);
  }
}
