package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.RetentionContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbRetentionContractTest extends RetentionContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
