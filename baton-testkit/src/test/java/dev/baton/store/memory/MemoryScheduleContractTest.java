package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.ScheduleContract;
import java.time.InstantSource;

class MemoryScheduleContractTest extends ScheduleContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
