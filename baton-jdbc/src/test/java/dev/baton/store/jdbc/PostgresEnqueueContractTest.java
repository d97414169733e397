package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EnqueueContract;
import java.time.InstantSource;

@PostgresTest
class PostgresEnqueueContractTest extends EnqueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
