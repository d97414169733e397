package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
