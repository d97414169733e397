package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineContract;
import java.time.InstantSource;

class MemoryEngineContractTest extends EngineContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
