package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EnqueueContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresEnqueueContractTest extends EnqueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
