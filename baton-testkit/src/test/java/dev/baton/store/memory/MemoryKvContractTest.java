package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.KvContract;
import java.time.InstantSource;

class MemoryKvContractTest extends KvContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
