package dev.baton.spi;

import java.util.Set;

/**
 * Opens stores for the URL schemes it knows. Providers are found through {@link
 * java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/dev.baton.spi.StoreProvider}.
 */
public interface StoreProvider {
  /**
   * The URL schemes this provider opens, without the trailing colon: {@code memory}, {@code
   * sqlite}, {@code jdbc:postgresql}. A URL belongs to the provider whose scheme is its longest
   * matching prefix.
   *
   * @return the schemes
   */
  Set<String> schemes();

  /**
   * Opens a store. The caller closes it.
   *
   * @param url the backend URL, one of this provider's schemes
   * @param context the clock and other settings from the engine
   * @return the open store
   * @throws IllegalArgumentException if the URL is malformed; the message names the URL with its
   *     password masked (see {@link BackendUrls#mask(String)})
   * @throws StoreException if the backend cannot be reached or prepared
   */
  TaskStore open(String url, StoreContext context);
}
