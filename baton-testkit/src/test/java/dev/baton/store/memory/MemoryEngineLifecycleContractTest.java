package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineLifecycleContract;
import java.time.InstantSource;

class MemoryEngineLifecycleContractTest extends EngineLifecycleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
