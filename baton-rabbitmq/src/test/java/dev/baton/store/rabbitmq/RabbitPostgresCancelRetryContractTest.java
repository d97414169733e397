package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
