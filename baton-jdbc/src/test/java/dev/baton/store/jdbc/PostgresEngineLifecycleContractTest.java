package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineLifecycleContract;
import java.time.InstantSource;

@PostgresTest
class PostgresEngineLifecycleContractTest extends EngineLifecycleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
