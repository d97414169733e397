package dev.baton.store.redis;

import dev.baton.spi.StoreException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.BaseRedisCommands;
import io.lettuce.core.api.sync.RedisFunctionCommands;
import io.lettuce.core.api.sync.RedisServerCommands;
import io.lettuce.core.api.sync.RedisStringCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multiplexed Lettuce connection (standalone, Sentinel or Cluster) for scripts and commands,
 * plus a pub/sub connection for wake-ups. The scripts are one function library (see {@link
 * Script}), loaded at start and called by name (FCALL); a server that answers that a function is
 * missing (a restart without persistence, a Cluster node new to the prefix's slot) gets the library
 * again and the call is made once more. Replicas receive the library with the data, so a failover
 * keeps it.
 */
final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  final RedisUrl url;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisFunctionCommands<String, String> functions;
  private final BaseRedisCommands<String, String> base;
  private final RedisServerCommands<String, String> server;
  private final RedisStringCommands<String, String> strings;
  private final String[] keys;
  private StatefulRedisPubSubConnection<String, String> pubsub;

  RedisLink(RedisUrl url) {
    this.url = url;
    this.keys = new String[] {url.tag()};
    SslOptions ssl = url.ca() == null ? null : SslOptions.builder().trustManager(url.ca()).build();
    try {
      if (url.mode() == RedisUrl.Mode.CLUSTER) {
        RedisClusterClient cluster = RedisClusterClient.create(url.nodes());
        ClusterClientOptions.Builder options =
            ClusterClientOptions.builder()
                .topologyRefreshOptions(
                    ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .build());
        if (ssl != null) {
          options.sslOptions(ssl);
        }
        cluster.setOptions(options.build());
        this.client = cluster;
        StatefulRedisClusterConnection<String, String> c = cluster.connect(StringCodec.UTF8);
        this.connection = c;
        this.functions = c.sync();
        this.base = c.sync();
        this.server = c.sync();
        this.strings = c.sync();
      } else {
        RedisClient single = RedisClient.create(url.nodes().get(0));
        if (ssl != null) {
          single.setOptions(ClientOptions.builder().sslOptions(ssl).build());
        }
        this.client = single;
        StatefulRedisConnection<String, String> c = single.connect(StringCodec.UTF8);
        this.connection = c;
        this.functions = c.sync();
        this.base = c.sync();
        this.server = c.sync();
        this.strings = c.sync();
      }
    } catch (RedisException e) {
      throw new StoreException("Cannot reach Redis at " + url.masked() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads the function library, on every master of a Cluster (any of them may come to hold the
   * prefix's slot). Loading it again replaces it with the same text.
   */
  void loadScripts() {
    try {
      if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
        for (RedisClusterNode node : cluster.getPartitions()) {
          if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
            cluster.getConnection(node.getNodeId()).sync().functionLoad(Script.LIBRARY, true);
          }
        }
      } else {
        functions.functionLoad(Script.LIBRARY, true);
      }
    } catch (RedisException e) {
      throw fail("loading the function library (Redis 7.0 or later needed)", e);
    }
  }

  /**
   * Runs a script with the prefix tag as its one key.
   *
   * @return the script's reply as Lettuce decodes it for the output type
   */
  <T> T run(Script script, ScriptOutputType output, String... args) {
    try {
      try {
        return functions.fcall(script.function(), output, keys, args);
      } catch (RedisCommandExecutionException e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("ERR Function not found")) {
          throw e;
        }
        loadScripts();
        return functions.fcall(script.function(), output, keys, args);
      }
    } catch (RedisException e) {
      throw fail("script " + script.name().toLowerCase(), e);
    }
  }

  <T> T run(Script script, String... args) {
    return run(script, script.output, args);
  }

  /** The values of keys under the prefix, null where a key is missing, in the keys' order. */
  List<String> mget(List<String> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      List<KeyValue<String, String>> found = strings.mget(keys.toArray(String[]::new));
      List<String> values = new ArrayList<>(found.size());
      for (KeyValue<String, String> kv : found) {
        values.add(kv.getValueOrElse(null));
      }
      return values;
    } catch (RedisException e) {
      throw fail("MGET", e);
    }
  }

  void ping() {
    try {
      base.ping();
    } catch (RedisException e) {
      throw fail("PING", e);
    }
  }

  /** The server's eviction policy, or null when CONFIG is not allowed (managed services). */
  String maxmemoryPolicy() {
    try {
      Map<String, String> config = server.configGet("maxmemory-policy");
      return config.get("maxmemory-policy");
    } catch (RedisException e) {
      LOG.info("Redis {}: cannot read maxmemory-policy ({})", url.masked(), e.getMessage());
      return null;
    }
  }

  /**
   * Subscribes to the wake channel. Lettuce subscribes again after a reconnect; messages sent while
   * disconnected are lost, so every reconnect also counts as a wake-up.
   */
  void subscribe(String channel, Consumer<String> onMessage, Runnable onReconnect) {
    try {
      pubsub =
          client instanceof RedisClusterClient cluster
              ? cluster.connectPubSub(StringCodec.UTF8)
              : ((RedisClient) client).connectPubSub(StringCodec.UTF8);
      pubsub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
              onMessage.accept(message);
            }
          });
      pubsub.sync().subscribe(channel);
      client.addListener(
          new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
              onReconnect.run();
            }
          });
    } catch (RedisException e) {
      throw fail("SUBSCRIBE", e);
    }
  }

  StoreException fail(String what, RedisException e) {
    return new StoreException(
        "Redis " + url.masked() + ": " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      if (pubsub != null) {
        pubsub.close();
      }
      connection.close();
    } finally {
      client.shutdown();
    }
  }
}
