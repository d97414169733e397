package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

@PostgresTest
class PostgresMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
