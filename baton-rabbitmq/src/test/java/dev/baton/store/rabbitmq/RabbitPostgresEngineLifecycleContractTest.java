package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineLifecycleContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresEngineLifecycleContractTest extends EngineLifecycleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
