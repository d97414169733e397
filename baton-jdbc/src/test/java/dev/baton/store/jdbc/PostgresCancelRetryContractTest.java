package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

@PostgresTest
class PostgresCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
