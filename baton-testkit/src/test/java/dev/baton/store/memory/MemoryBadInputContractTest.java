package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.BadInputContract;
import java.time.InstantSource;

class MemoryBadInputContractTest extends BadInputContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
