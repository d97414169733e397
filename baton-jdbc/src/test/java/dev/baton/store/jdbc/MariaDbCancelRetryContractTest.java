package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
