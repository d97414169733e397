package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.LeaseContract;
import java.time.InstantSource;

class MemoryLeaseContractTest extends LeaseContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
