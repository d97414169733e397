package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EnqueueContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneEnqueueContractTest extends EnqueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
