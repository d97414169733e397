package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueryContract;
import java.time.InstantSource;

class MemoryQueryContractTest extends QueryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
