package dev.baton.internal;

import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the backend for a URL among the providers on the class path. Internal: not API. */
public final class Backends {
  private Backends() {}

  /**
   * Opens the store for a URL.
   *
   * @param url the backend URL
   * @param context the clock and settings
   * @return the open store
   * @throws IllegalArgumentException if no provider knows the URL's scheme; the message names the
   *     URL with its password masked and lists the known schemes
   */
  public static TaskStore open(String url, StoreContext context) {
    StoreProvider best = null;
    int bestLength = -1;
    List<String> known = new ArrayList<>();
    for (StoreProvider provider : ServiceLoader.load(StoreProvider.class, Backends.class.getClassLoader())) {
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
          "Unknown backend URL '" + BackendUrls.mask(url) + "'; known schemes: " + new TreeSet<>(known)
              + (known.size() <= 1 ? " (add a backend module such as baton-jdbc to the class path for more)" : ""));
    }
    return best.open(url, context);
  }
}
