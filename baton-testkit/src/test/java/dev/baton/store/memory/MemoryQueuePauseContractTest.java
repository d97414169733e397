package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.QueuePauseContract;
import java.time.InstantSource;

class MemoryQueuePauseContractTest extends QueuePauseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
