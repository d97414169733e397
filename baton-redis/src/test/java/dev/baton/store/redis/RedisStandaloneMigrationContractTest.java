package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

@RedisTest
class RedisStandaloneMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.STANDALONE.openEmpty(getClass(), clock);
  }
}
