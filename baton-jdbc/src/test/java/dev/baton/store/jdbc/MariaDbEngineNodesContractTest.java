package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineNodesContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbEngineNodesContractTest extends EngineNodesContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
