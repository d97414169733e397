package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
