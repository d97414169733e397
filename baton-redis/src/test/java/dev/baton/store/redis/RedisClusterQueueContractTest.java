package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueueContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterQueueContractTest extends QueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
