package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.LeaseContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterLeaseContractTest extends LeaseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
