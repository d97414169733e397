package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneQueuePauseContractTest extends QueuePauseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
