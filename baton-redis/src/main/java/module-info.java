/**
 * The Redis backend on Lettuce: standalone, Sentinel, Cluster and TLS ({@code redis://}, {@code
 * rediss://}, {@code redis-sentinel://}, {@code redis-cluster://}). Nothing is exported:
 * applications name the backend by URL, and {@link dev.baton.spi.StoreProvider} finds it.
 *
 * @provides dev.baton.spi.StoreProvider the redis:, rediss:, redis-sentinel: and redis-cluster:
 *     backends
 */
module dev.baton.redis {
  requires dev.baton.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires lettuce.core;
  requires org.slf4j;

  provides dev.baton.spi.StoreProvider with
      dev.baton.store.redis.RedisStoreProvider;
}
