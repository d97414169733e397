package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueryContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterQueryContractTest extends QueryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
