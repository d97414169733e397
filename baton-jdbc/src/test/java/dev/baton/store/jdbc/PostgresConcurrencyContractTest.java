package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

@PostgresTest
class PostgresConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
