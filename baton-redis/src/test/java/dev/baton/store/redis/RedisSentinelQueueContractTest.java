package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueueContract;
import java.time.InstantSource;

@RedisTest
class RedisSentinelQueueContractTest extends QueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.SENTINEL.openEmpty(getClass(), clock);
  }
}
