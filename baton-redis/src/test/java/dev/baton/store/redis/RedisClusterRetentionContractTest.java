package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.RetentionContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterRetentionContractTest extends RetentionContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
