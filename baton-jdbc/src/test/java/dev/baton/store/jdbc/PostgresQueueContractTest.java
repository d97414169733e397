package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueueContract;
import java.time.InstantSource;

@PostgresTest
class PostgresQueueContractTest extends QueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
