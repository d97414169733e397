package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.EnqueueContract;
import java.time.InstantSource;

class MemoryEnqueueContractTest extends EnqueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
