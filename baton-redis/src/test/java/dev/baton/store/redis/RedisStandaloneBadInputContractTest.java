package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneBadInputContractTest extends BadInputContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
