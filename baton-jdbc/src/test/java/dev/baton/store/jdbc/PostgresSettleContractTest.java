package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.SettleContract;
import java.time.InstantSource;

@PostgresTest
class PostgresSettleContractTest extends SettleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
