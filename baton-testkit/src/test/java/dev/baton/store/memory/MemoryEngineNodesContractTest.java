package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineNodesContract;
import java.time.InstantSource;

class MemoryEngineNodesContractTest extends EngineNodesContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
