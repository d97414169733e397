package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.SettleContract;
import java.time.InstantSource;

class MemorySettleContractTest extends SettleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
