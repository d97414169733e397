package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.LeaseContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbLeaseContractTest extends LeaseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
