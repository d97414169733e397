package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbKvContractTest extends KvContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
