package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ScheduleContract;
import java.time.InstantSource;

@MariaDbTest
class MariaDbScheduleContractTest extends ScheduleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.MARIADB.openEmpty(getClass(), clock);
  }
}
