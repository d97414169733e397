package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ScheduleContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneScheduleContractTest extends ScheduleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
