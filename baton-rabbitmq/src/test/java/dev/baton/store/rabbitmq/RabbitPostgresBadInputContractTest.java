package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresBadInputContractTest extends BadInputContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
