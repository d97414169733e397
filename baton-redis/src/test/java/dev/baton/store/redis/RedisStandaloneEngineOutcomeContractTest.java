package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineOutcomeContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneEngineOutcomeContractTest extends EngineOutcomeContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
