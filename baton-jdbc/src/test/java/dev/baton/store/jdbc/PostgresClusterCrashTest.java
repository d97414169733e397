package dev.baton.store.jdbc;

@PostgresTest
class PostgresClusterCrashTest extends ClusterCrashTest {
  PostgresClusterCrashTest() {
    super(TestServer.POSTGRESQL);
  }
}
