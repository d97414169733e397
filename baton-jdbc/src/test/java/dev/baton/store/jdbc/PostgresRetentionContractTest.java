package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.RetentionContract;
import java.time.InstantSource;

@PostgresTest
class PostgresRetentionContractTest extends RetentionContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
