package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import java.time.InstantSource;

@PostgresTest
class PostgresKvContractTest extends KvContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
