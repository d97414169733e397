package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
