package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
