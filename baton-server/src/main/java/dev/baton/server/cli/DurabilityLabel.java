package dev.baton.server.cli;

import dev.baton.spi.Capabilities;
import dev.baton.spi.StoreProvider;
import java.util.ServiceLoader;

/** Names a backend's durability mode for figures and banners, so no number goes out without it. */
final class DurabilityLabel {
  private DurabilityLabel() {}

  static String describe(String url, Capabilities capabilities) {
    if (url.startsWith("memory:")) {
      return "in memory, not durable";
    }
    if (url.startsWith("sqlite:")) {
      return "durable: WAL, synchronous=NORMAL";
    }
    return capabilities.durable() ? "durable" : "not durable";
  }

  static boolean hasScheme(String scheme) {
    for (StoreProvider provider :
        ServiceLoader.load(StoreProvider.class, DurabilityLabel.class.getClassLoader())) {
      if (provider.schemes().contains(scheme)) {
        return true;
      }
    }
    return false;
  }
}
