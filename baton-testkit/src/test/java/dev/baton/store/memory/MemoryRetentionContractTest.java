package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.RetentionContract;
import java.time.InstantSource;

class MemoryRetentionContractTest extends RetentionContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
