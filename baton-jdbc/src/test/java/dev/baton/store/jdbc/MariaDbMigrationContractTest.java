package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
