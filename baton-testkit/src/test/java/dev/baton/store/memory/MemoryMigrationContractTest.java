package dev.baton.store.memory;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.time.InstantSource;

class MemoryMigrationContractTest extends MigrationContract {
  @Override
  protected TaskStore openStore(InstantSource clock) {
    return new MemoryStore(clock);
  }
}
