package dev.baton.store.jdbc;

import dev.baton.spi.TaskStore;
import dev.baton.testkit.MigrationContract;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;

class SqliteMigrationContractTest extends MigrationContract {
  @TempDir Path dir;

  @Override
  protected TaskStore openStore(InstantSource clock) {
    return SqliteStores.open(dir, clock);
  }
}
