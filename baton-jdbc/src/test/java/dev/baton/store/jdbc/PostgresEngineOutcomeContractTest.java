package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineOutcomeContract;
import java.time.InstantSource;

@PostgresTest
class PostgresEngineOutcomeContractTest extends EngineOutcomeContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
