package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineOutcomeContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresEngineOutcomeContractTest extends EngineOutcomeContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
