package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import java.time.InstantSource;

@PostgresTest
class PostgresBadInputContractTest extends BadInputContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
