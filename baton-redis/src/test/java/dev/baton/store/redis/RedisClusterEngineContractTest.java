package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterEngineContractTest extends EngineContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
