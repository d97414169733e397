package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ScheduleContract;
import java.time.InstantSource;

@PostgresTest
class PostgresScheduleContractTest extends ScheduleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestServer.POSTGRESQL.openEmpty(getClass(), clock);
  }
}
