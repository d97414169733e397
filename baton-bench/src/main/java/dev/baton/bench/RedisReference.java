package dev.baton.bench;

import dev.baton.spi.BackendUrl;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What a figure on standalone Redis is measured against: the server's persistence settings, read
 * from the server rather than assumed, and {@code redis-benchmark}'s own throughput on the same
 * server just before the workloads, the physical reference of the machine. Only plain {@code
 * redis://} URLs are read; for TLS, Sentinel and Cluster the reason is given instead. The benchmark
 * writes one key, {@value #BENCHMARK_KEY}, in the URL's database; it is deleted again unless it
 * existed before.
 */
final class RedisReference {
  private static final Map<String, String> DURABILITY = new ConcurrentHashMap<>();
  private static final int REQUESTS = 100_000;

  /** The one key {@code redis-benchmark -t set,get} writes and reads. */
  private static final String BENCHMARK_KEY = "key:__rand_int__";

  private RedisReference() {}

  /** The server's persistence in words, read once per URL; or why it could not be read. */
  static String durability(String backend) {
    return DURABILITY.computeIfAbsent(backend, RedisReference::readDurability);
  }

  private static String readDurability(String backend) {
    if (!backend.startsWith("redis://")) {
      return "the Redis server's persistence (not read over this URL scheme)";
    }
    return withRedis(
        uri(backend),
        redis -> {
          Map<String, String> aof = redis.configGet("appendonly", "appendfsync", "save");
          String version = field(redis.info("server"), "redis_version");
          String save = aof.getOrDefault("save", "");
          return "Redis "
              + version
              + ", appendonly "
              + aof.get("appendonly")
              + ", appendfsync "
              + aof.get("appendfsync")
              + ", RDB snapshots "
              + (save.isBlank() ? "off" : save);
        },
        e -> "unknown (reading the server's settings failed: " + e.getMessage() + ")");
  }

  /**
   * Runs {@code redis-benchmark} (SET and GET, unpipelined, its default 50 clients) against the
   * backend's server and describes the result; or says why it was not run.
   */
  static String physical(String backend) {
    if (!backend.startsWith("redis://")) {
      return "not measured (redis-benchmark is run for plain redis:// URLs only)";
    }
    RedisURI target = uri(backend);
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-benchmark",
                "-h",
                target.getHost(),
                "-p",
                Integer.toString(target.getPort()),
                "-q",
                "--csv",
                "-t",
                "set,get",
                "-n",
                Integer.toString(REQUESTS)));
    if (target.getPassword() != null) {
      command.addAll(List.of("-a", new String(target.getPassword()), "--no-auth-warning"));
      if (target.getUsername() != null) {
        command.addAll(List.of("--user", target.getUsername()));
      }
    }
    // redis-benchmark's SET writes one key of its own; it is removed again unless it was there.
    // Unknown counts as there: then the server is left as it is.
    boolean keyWasThere = withRedis(target, redis -> redis.exists(BENCHMARK_KEY) > 0, e -> true);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        return "not measured (redis-benchmark failed: " + output.strip() + ")";
      }
      return describe(output);
    } catch (IOException e) {
      return "not measured (redis-benchmark is not on the PATH; Debian: apt-get install redis-tools)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "not measured (interrupted)";
    } finally {
      if (!keyWasThere) {
        // A courtesy: a key left behind after a failure is named in the class comment.
        withRedis(target, redis -> redis.del(BENCHMARK_KEY), e -> 0L);
      }
    }
  }

  /** One short-lived connection to the server for {@code call}; {@code failed} answers on error. */
  private static <T> T withRedis(
      RedisURI target,
      Function<RedisCommands<String, String>, T> call,
      Function<RedisException, T> failed) {
    RedisClient client = RedisClient.create(target);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return call.apply(connection.sync());
    } catch (RedisException e) {
      return failed.apply(e);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  /** The SET and GET rates of {@code redis-benchmark --csv} output, in words. */
  static String describe(String csv) {
    String set = null;
    String get = null;
    for (String line : csv.split("\\R")) {
      String[] cells = line.split(",");
      if (cells.length < 2) {
        continue;
      }
      String test = cells[0].replace("\"", "");
      String rate = cells[1].replace("\"", "");
      if (test.equals("SET")) {
        set = rate;
      } else if (test.equals("GET")) {
        get = rate;
      }
    }
    if (set == null || get == null) {
      return "not measured (unexpected redis-benchmark output: " + csv.strip() + ")";
    }
    return String.format(
        "redis-benchmark SET %,.0f, GET %,.0f requests/s (unpipelined, 50 clients,"
            + " %,d requests each)",
        Double.parseDouble(set), Double.parseDouble(get), REQUESTS);
  }

  /**
   * The server of a {@code redis://} backend URL, without Baton's query options. The login is read
   * by {@link BackendUrl}, as the backend and the password mask read it.
   */
  static RedisURI uri(String backend) {
    BackendUrl parsed = BackendUrl.parse(backend);
    BackendUrl.HostPort server = parsed.hostList(RedisURI.DEFAULT_REDIS_PORT).get(0);
    RedisURI.Builder builder =
        RedisURI.builder()
            .withHost(server.host())
            .withPort(server.port())
            .withTimeout(Duration.ofSeconds(5));
    if (parsed.password() != null) {
      String user = parsed.user();
      if (user == null || user.isEmpty()) {
        builder.withPassword(parsed.password().toCharArray());
      } else {
        builder.withAuthentication(user, parsed.password());
      }
    }
    String path = parsed.path();
    if (path != null && !path.isEmpty()) {
      builder.withDatabase(Integer.parseInt(path));
    }
    return builder.build();
  }

  private static String field(String info, String name) {
    for (String line : info.split("\\R")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "?";
  }
}
