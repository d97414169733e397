package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineLifecycleContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbEngineLifecycleContractTest extends EngineLifecycleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
