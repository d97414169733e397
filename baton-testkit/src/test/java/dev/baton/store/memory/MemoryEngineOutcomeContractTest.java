package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EngineOutcomeContract;
import java.time.InstantSource;

class MemoryEngineOutcomeContractTest extends EngineOutcomeContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
