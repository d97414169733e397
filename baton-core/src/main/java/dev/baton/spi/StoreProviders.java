package dev.baton.spi;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds backends by URL among the {@link StoreProvider}s on the class path: the provider whose
 * scheme is the URL's longest matching prefix. The engine opens its backend this way; tools that
 * hand one store to several instances, or move data between backends, do too.
 */
public final class StoreProviders {
  private StoreProviders() {}

  /**
   * Opens the store for a URL. The caller closes it.
   *
   * @param url the backend URL
   * @param context the clock and settings for the store
   * @return the open store
   * @throws IllegalArgumentException if no provider knows the URL's scheme (the message names the
   *     URL with its password masked and lists the known schemes), or the provider finds it
   *     malformed
   * @throws StoreException if the backend cannot be reached or prepared
   */
  public static TaskStore open(String url, StoreContext context) {
    return find(url).open(url, context);
  }

  /**
   * Finds the provider for a URL without opening anything, to refuse a bad URL early.
   *
   * @param url the backend URL
   * @return the provider whose scheme is the URL's longest matching prefix
   * @throws IllegalArgumentException if no provider knows the URL's scheme
   * @throws NullPointerException if the URL is null
   */
  public static StoreProvider find(String url) {
    if (url == null) {
      throw new NullPointerException("backend URL is null");
    }
    StoreProvider best = null;
    int bestLength = -1;
    Set<String> known = new TreeSet<>();
    for (StoreProvider provider :
        ServiceLoader.load(StoreProvider.class, StoreProviders.class.getClassLoader())) {
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
          "Unknown backend URL '"
              + BackendUrls.mask(url)
              + "'; known schemes: "
              + known
              + (known.size() <= 1
                  ? " (add a backend module such as baton-jdbc to the class path for more)"
                  : ""));
    }
    return best;
  }
}
