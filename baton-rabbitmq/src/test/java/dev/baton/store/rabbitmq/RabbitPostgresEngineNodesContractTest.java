package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineNodesContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresEngineNodesContractTest extends EngineNodesContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
