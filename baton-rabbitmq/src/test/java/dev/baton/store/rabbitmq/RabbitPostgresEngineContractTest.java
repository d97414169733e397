package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresEngineContractTest extends EngineContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
