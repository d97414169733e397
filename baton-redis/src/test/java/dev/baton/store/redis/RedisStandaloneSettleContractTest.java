package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.SettleContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneSettleContractTest extends SettleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
