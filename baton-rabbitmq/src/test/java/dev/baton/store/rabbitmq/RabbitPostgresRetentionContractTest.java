package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.RetentionContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresRetentionContractTest extends RetentionContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
