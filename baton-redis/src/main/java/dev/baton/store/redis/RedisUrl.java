package dev.baton.store.redis;

import dev.baton.spi.BackendUrl;
import dev.baton.spi.BackendUrls;
import io.lettuce.core.RedisURI;
import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Redis backend URL: how to reach the servers, the key prefix and the clock. The login,
 * hosts and path come from {@link BackendUrl}, which the password mask reads by too; Lettuce's own
 * URL grammar differs (Sentinel master after '#', no host lists, no Baton options), so its {@link
 * RedisURI} is built from those parts rather than parsed.
 */
record RedisUrl(
    Mode mode,
    List<RedisURI> nodes,
    String master,
    String prefix,
    boolean callerClock,
    File ca,
    String masked) {

  /** How the servers are deployed. */
  enum Mode {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  static final String USAGE =
      "use redis://[user:password@]host:port[/db], rediss://... for TLS,"
          + " redis-sentinel://[user:password@]host:port[,host:port]/master[/db],"
          + " redis-cluster://[user:password@]host:port[,host:port] or a comma list of redis:// hosts;"
          + " options: ?prefix=NAME&baton.clock=server|caller&ca=PEM-FILE";

  static RedisUrl parse(String url) {
    String masked = BackendUrls.mask(url);
    if (url == null) {
      throw new IllegalArgumentException("Redis backend URL is null; " + USAGE);
    }
    if (!url.contains("://")) {
      throw malformed(masked, "it has no '://'");
    }
    // The login is split off by BackendUrl, whose rules the mask follows too.
    List<BackendUrl> parts;
    try {
      parts = BackendUrl.parseList(url);
    } catch (IllegalArgumentException e) {
      throw malformed(masked, e.getMessage());
    }
    BackendUrl first = parts.get(0);
    String scheme = first.scheme();
    Map<String, String> options = options(masked, parts.get(parts.size() - 1).query());
    String prefix = options.getOrDefault("prefix", "baton");
    if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
      throw malformed(
          masked, "prefix must be non-empty without '{' or '}' but was '" + prefix + "'");
    }
    boolean callerClock =
        switch (options.getOrDefault("baton.clock", "server")) {
          case "server" -> false;
          case "caller" -> true;
          default ->
              throw malformed(
                  masked,
                  "baton.clock must be 'server' or 'caller' but was '"
                      + options.get("baton.clock")
                      + "'");
        };
    File ca = null;
    if (options.containsKey("ca")) {
      ca = new File(options.get("ca"));
      if (!ca.isFile()) {
        throw malformed(masked, "ca names no file: " + ca);
      }
    }
    if ((scheme.equals("redis") || scheme.equals("rediss"))
        && (parts.size() > 1 || first.hosts().contains(","))) {
      // A comma list of hosts, each possibly a whole redis:// URL of its own, means Cluster.
      List<RedisURI> nodes = new ArrayList<>();
      for (BackendUrl part : parts) {
        if (!part.scheme().equals("redis") && !part.scheme().equals("rediss")) {
          throw malformed(masked, "unknown scheme '" + part.scheme() + "' in the list of hosts");
        }
        for (BackendUrl.HostPort host : hosts(masked, part, 6379)) {
          nodes.add(node(host, user(part), part.password(), part.scheme().equals("rediss"), 0));
        }
      }
      return new RedisUrl(Mode.CLUSTER, nodes, null, prefix, callerClock, ca, masked);
    }
    if (parts.size() > 1) {
      throw malformed(masked, "only redis:// and rediss:// URLs can be listed");
    }
    String user = user(first);
    String password = first.password();
    String path = first.path() == null ? "" : first.path();
    return switch (scheme) {
      case "redis", "rediss" ->
          new RedisUrl(
              Mode.STANDALONE,
              List.of(
                  node(
                      hosts(masked, first, 6379).get(0),
                      user,
                      password,
                      scheme.equals("rediss"),
                      database(masked, path))),
              null,
              prefix,
              callerClock,
              ca,
              masked);
      case "redis-cluster" -> {
        List<RedisURI> nodes = new ArrayList<>();
        for (BackendUrl.HostPort host : hosts(masked, first, 6379)) {
          nodes.add(node(host, user, password, false, 0));
        }
        yield new RedisUrl(Mode.CLUSTER, nodes, null, prefix, callerClock, ca, masked);
      }
      case "redis-sentinel" -> {
        String[] segments = path.split("/", -1);
        if (segments[0].isEmpty()) {
          throw malformed(masked, "the Sentinel master name is missing");
        }
        int db = segments.length > 1 ? database(masked, segments[1]) : 0;
        RedisURI.Builder builder =
            RedisURI.builder().withSentinelMasterId(segments[0]).withDatabase(db);
        for (BackendUrl.HostPort host : hosts(masked, first, 26379)) {
          builder.withSentinel(host.host(), host.port());
        }
        if (password != null) {
          builder =
              user == null
                  ? builder.withPassword(password.toCharArray())
                  : builder.withAuthentication(user, password.toCharArray());
        }
        yield new RedisUrl(
            Mode.SENTINEL, List.of(builder.build()), segments[0], prefix, callerClock, ca, masked);
      }
      default -> throw malformed(masked, "unknown scheme '" + scheme + "'");
    };
  }

  /** Baton's own options, after the {@code ?}; the servers never see them. */
  private static Map<String, String> options(String masked, String query) {
    Map<String, String> options = new LinkedHashMap<>();
    if (query == null) {
      return options;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!List.of("prefix", "baton.clock", "ca").contains(name)) {
        throw malformed(masked, "unknown option '" + name + "' (known: prefix, baton.clock, ca)");
      }
      options.put(name, value);
    }
    return options;
  }

  /** The user name to log in with; an empty one ({@code :password@}) means none. */
  private static String user(BackendUrl url) {
    return url.user() == null || url.user().isEmpty() ? null : url.user();
  }

  private static List<BackendUrl.HostPort> hosts(String masked, BackendUrl url, int defaultPort) {
    try {
      return url.hostList(defaultPort);
    } catch (IllegalArgumentException e) {
      throw malformed(masked, e.getMessage());
    }
  }

  /** The key every script names: the prefix as a hash tag, so one prefix lives on one slot. */
  String tag() {
    return "{" + prefix + "}";
  }

  private static RedisURI node(
      BackendUrl.HostPort host, String user, String password, boolean tls, int db) {
    RedisURI.Builder builder =
        RedisURI.builder()
            .withHost(host.host())
            .withPort(host.port())
            .withSsl(tls)
            .withDatabase(db);
    if (password != null) {
      builder =
          user == null
              ? builder.withPassword(password.toCharArray())
              : builder.withAuthentication(user, password.toCharArray());
    }
    return builder.build();
  }

  private static int database(String masked, String path) {
    if (path.isEmpty()) {
      return 0;
    }
    try {
      int db = Integer.parseInt(path);
      if (db < 0) {
        throw malformed(masked, "the database number must be >= 0 but was " + db);
      }
      return db;
    } catch (NumberFormatException e) {
      throw malformed(masked, "the database '" + path + "' is not a number");
    }
  }

  static IllegalArgumentException malformed(String masked, String why) {
    return new IllegalArgumentException(
        "Malformed Redis backend URL '" + masked + "': " + why + "; " + USAGE);
  }
}
