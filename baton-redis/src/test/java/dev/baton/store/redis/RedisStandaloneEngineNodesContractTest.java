package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineNodesContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneEngineNodesContractTest extends EngineNodesContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
