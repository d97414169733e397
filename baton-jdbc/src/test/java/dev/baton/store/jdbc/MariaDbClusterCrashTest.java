package dev.baton.store.jdbc;

@MariaDbTest
class MariaDbClusterCrashTest extends ClusterCrashTest {
  MariaDbClusterCrashTest() {
    super(TestServer.MARIADB);
  }
}
