package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ConcurrencyContract;
import java.time.InstantSource;

class MemoryConcurrencyContractTest extends ConcurrencyContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
