package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.CancelRetryContract;
import java.time.InstantSource;

class MemoryCancelRetryContractTest extends CancelRetryContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
