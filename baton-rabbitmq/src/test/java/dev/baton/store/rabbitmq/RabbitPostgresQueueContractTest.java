package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueueContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresQueueContractTest extends QueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
