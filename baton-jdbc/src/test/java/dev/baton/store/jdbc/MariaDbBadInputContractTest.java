package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbBadInputContractTest extends BadInputContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
