package dev.baton.bench;

import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.time.InstantSource;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Opens backends by URL through the public SPI, so that a workload can hand one store to several
 * Baton instances in turn (a producer, then workers), which {@code memory:} URLs cannot do since
 * each opens a fresh store.
 */
public final class Stores {
  private Stores() {}

  /**
   * Opens the store for a URL with the provider whose scheme is the URL's longest matching prefix.
   *
   * @param url the backend URL
   * @param clock the clock handed to the store
   * @return the open store; the caller closes it
   * @throws IllegalArgumentException if no provider on the class path knows the URL's scheme
   */
  public static TaskStore open(String url, InstantSource clock) {
    return provider(url).open(url, new StoreContext(clock));
  }

  /**
   * Finds the provider for a URL without opening anything, to refuse a bad URL before a run.
   *
   * @param url the backend URL
   * @return the provider whose scheme is the URL's longest matching prefix
   * @throws IllegalArgumentException if no provider on the class path knows the URL's scheme
   */
  public static StoreProvider provider(String url) {
    StoreProvider best = null;
    int bestLength = -1;
    Set<String> known = new TreeSet<>();
    for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader())) {
      for (String scheme : provider.schemes()) {
        known.add(scheme + ":");
        if (url.startsWith(scheme + ":") && scheme.length() > bestLength) {
          best = provider;
          bestLength = scheme.length();
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          "Unknown backend URL '" + BackendUrls.mask(url) + "'; known schemes: " + known);
    }
    return best;
  }
}
