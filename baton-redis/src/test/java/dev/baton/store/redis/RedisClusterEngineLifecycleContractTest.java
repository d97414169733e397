package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineLifecycleContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterEngineLifecycleContractTest extends EngineLifecycleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
