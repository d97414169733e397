package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
