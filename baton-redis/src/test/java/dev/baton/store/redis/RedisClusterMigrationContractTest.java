package dev.baton.store.redis;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

@RedisTest
class RedisClusterMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return TestRedis.CLUSTER.openEmpty(getClass(), clock);
  }
}
