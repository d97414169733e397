package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbQueuePauseContractTest extends QueuePauseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
