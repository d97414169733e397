package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
