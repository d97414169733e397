package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineContract;
import java.time.InstantSource;

@PostgresTest
class PostgresEngineContractTest extends EngineContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
