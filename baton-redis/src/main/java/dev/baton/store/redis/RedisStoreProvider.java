package dev.baton.store.redis;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.TaskStore;
import java.util.Set;

/**
 * Opens Redis URLs: {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS,
 * {@code redis-sentinel://host:port[,host:port]/master[/db]}, {@code
 * redis-cluster://host:port[,host:port]}, or a comma list of {@code redis://} hosts for a Cluster.
 * Options: {@code prefix=NAME} (default {@code baton}) names the hash tag every key carries, so one
 * prefix lives on one Cluster slot; {@code baton.clock=server} (default: Redis's TIME decides
 * run-at times and leases, so nodes whose clocks disagree still agree) or {@code caller} (the
 * engine's clock, for tests); {@code ca=FILE} trusts a PEM certificate for TLS.
 */
public final class RedisStoreProvider implements StoreProvider {
  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public RedisStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss", "redis-sentinel", "redis-cluster");
  }

  /**
   * Connects, loads the scripts, warns when the server may evict keys, and subscribes to wake-ups.
   *
   * @throws IllegalArgumentException if the URL is malformed (the message masks the password)
   * @throws StoreException if Redis cannot be reached
   */
  @Override
  public TaskStore open(String url, StoreContext context) {
    RedisUrl parsed = RedisUrl.parse(url);
    RedisLink link = new RedisLink(parsed);
    try {
      return new RedisStore(link, context.clock());
    } catch (RuntimeException e) {
      try {
        link.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
