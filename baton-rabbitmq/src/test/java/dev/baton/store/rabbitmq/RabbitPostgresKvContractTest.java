package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresKvContractTest extends KvContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
