package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresQueuePauseContractTest extends QueuePauseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
