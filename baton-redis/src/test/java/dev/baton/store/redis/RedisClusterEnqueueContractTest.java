package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EnqueueContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterEnqueueContractTest extends EnqueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
