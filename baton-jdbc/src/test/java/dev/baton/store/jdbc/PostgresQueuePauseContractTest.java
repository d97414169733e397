package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.time.InstantSource;

@PostgresTest
class PostgresQueuePauseContractTest extends QueuePauseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
