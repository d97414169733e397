package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineNodesContract;
import java.time.InstantSource;

@PostgresTest
class PostgresEngineNodesContractTest extends EngineNodesContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
