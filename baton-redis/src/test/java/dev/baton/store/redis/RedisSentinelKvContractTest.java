package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import java.time.InstantSource;

@RedisTest
class RedisSentinelKvContractTest extends KvContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.SENTINEL.openEmpty(getClass(), clock);
  }
}
