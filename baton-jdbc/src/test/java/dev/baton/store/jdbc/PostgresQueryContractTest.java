package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueryContract;
import java.time.InstantSource;

@PostgresTest
class PostgresQueryContractTest extends QueryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
