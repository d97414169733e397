package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneEngineContractTest extends EngineContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
