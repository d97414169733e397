package dev.baton.store.memory;

import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.util.Set;

/** Opens {@code memory:} URLs: a fresh, empty store each time. */
public final class MemoryStoreProvider implements StoreProvider {
  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public MemoryStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public TaskStore open(String url, StoreContext context) {
    if (!url.equals("memory:") && !url.equals("memory://")) {
      throw new IllegalArgumentException(
          "Malformed memory backend URL '" + BackendUrls.mask(url) + "': use 'memory:'");
    }
    return new MemoryStore(context.clock());
  }
}
