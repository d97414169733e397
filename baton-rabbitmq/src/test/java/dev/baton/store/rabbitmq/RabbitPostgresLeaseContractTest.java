package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.LeaseContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresLeaseContractTest extends LeaseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
