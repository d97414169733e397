package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
