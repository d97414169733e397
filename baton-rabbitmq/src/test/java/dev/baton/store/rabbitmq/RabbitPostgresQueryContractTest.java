package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueryContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresQueryContractTest extends QueryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
