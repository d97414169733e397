package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

@RabbitTest
class RabbitSqliteQueuePauseContractTest extends QueuePauseContract {
  @TempDir Path dir;

  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), "sqlite:" + dir.resolve("baton.db"), clock);
  }
}
