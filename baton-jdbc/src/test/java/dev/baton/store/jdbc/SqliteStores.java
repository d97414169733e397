package dev.baton.store.jdbc;

import dev.baton.spi.StoreContext;
import dev.baton.spi.TaskStore;
import java.nio.file.Path;
import java.time.InstantSource;

/** Opens SQLite stores for tests, through the provider as users do. */
final class SqliteStores {
  private SqliteStores() {}

  static TaskStore open(Path dir, InstantSource clock) {
    return new SqliteStoreProvider()
        .open("sqlite:" + dir.resolve("baton.db"), new StoreContext(clock));
  }
}
