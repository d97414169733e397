package dev.baton.store.rabbitmq;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ScheduleContract;
import java.time.InstantSource;

@RabbitTest
@PostgresState
class RabbitPostgresScheduleContractTest extends ScheduleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return Broker.open(getClass(), PostgresSchemas.emptyUrl(getClass()), clock);
  }
}
