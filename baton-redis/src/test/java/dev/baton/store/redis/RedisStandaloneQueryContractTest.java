package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueryContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneQueryContractTest extends QueryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
