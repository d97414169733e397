package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.SettleContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresSettleContractTest extends SettleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
