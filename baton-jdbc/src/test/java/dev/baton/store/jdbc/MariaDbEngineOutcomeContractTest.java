package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineOutcomeContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbEngineOutcomeContractTest extends EngineOutcomeContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
