package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.LeaseContract;
import java.time.InstantSource;

@PostgresTest
class PostgresLeaseContractTest extends LeaseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
