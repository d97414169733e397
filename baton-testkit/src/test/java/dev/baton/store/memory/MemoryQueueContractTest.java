package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueueContract;
import java.time.InstantSource;

class MemoryQueueContractTest extends QueueContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
