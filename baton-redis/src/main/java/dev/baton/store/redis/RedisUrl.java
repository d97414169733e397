package dev.baton.store.redis;

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
 * A parsed Redis backend URL: how to reach the servers, the key prefix and the clock. Lettuce's own
 * URL grammar differs (Sentinel master after '#'), so Baton reads its URLs itself.
 */
record RedisUrl(
    Mode mode, List<RedisURI> nodes, String master, String prefix, boolean callerClock, File ca,
    String masked) {

  /** How the servers are deployed. */
  enum Mode {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  static final String USAGE = "use redis://[user:password@]host:port[/db], rediss://... for TLS,"
      + " redis-sentinel://[user:password@]host:port[,host:port]/master[/db],"
      + " redis-cluster://[user:password@]host:port[,host:port] or a comma list of redis:// hosts;"
      + " options: ?prefix=NAME&baton.clock=server|caller&ca=PEM-FILE";

  static RedisUrl parse(String url) {
    String masked = BackendUrls.mask(url);
    if (url == null) {
      throw new IllegalArgumentException("Redis backend URL is null; " + USAGE);
    }
    int colon = url.indexOf("://");
    if (colon < 0) {
      throw malformed(masked, "it has no '://'");
    }
    String scheme = url.substring(0, colon);
    String rest = url.substring(colon + 3);
    Map<String, String> options = new LinkedHashMap<>();
    int question = rest.indexOf('?');
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (!List.of("prefix", "baton.clock", "ca").contains(name)) {
          throw malformed(masked, "unknown option '" + name + "' (known: prefix, baton.clock, ca)");
        }
        options.put(name, value);
      }
      rest = rest.substring(0, question);
    }
    String prefix = options.getOrDefault("prefix", "baton");
    if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
      throw malformed(masked, "prefix must be non-empty without '{' or '}' but was '" + prefix + "'");
    }
    boolean callerClock = switch (options.getOrDefault("baton.clock", "server")) {
      case "server" -> false;
      case "caller" -> true;
      default -> throw malformed(masked, "baton.clock must be 'server' or 'caller' but was '"
          + options.get("baton.clock") + "'");
    };
    File ca = null;
    if (options.containsKey("ca")) {
      ca = new File(options.get("ca"));
      if (!ca.isFile()) {
        throw malformed(masked, "ca names no file: " + ca);
      }
    }
    if ((scheme.equals("redis") || scheme.equals("rediss")) && rest.contains(",")) {
      // A comma list of hosts, each possibly a whole redis:// URL of its own, means Cluster.
      List<RedisURI> nodes = new ArrayList<>();
      boolean first = true;
      for (String host : rest.split(",")) {
        boolean tls = first ? scheme.equals("rediss") : host.startsWith("rediss://");
        nodes.add(login(masked, host.replaceFirst("^rediss?://", ""), tls).get(0));
        first = false;
      }
      return new RedisUrl(Mode.CLUSTER, nodes, null, prefix, callerClock, ca, masked);
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int sep = info.indexOf(':');
      user = sep < 0 ? null : decode(info.substring(0, sep));
      password = decode(sep < 0 ? info : info.substring(sep + 1));
      if (user != null && user.isEmpty()) {
        user = null;
      }
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    boolean tls = scheme.equals("rediss");
    return switch (scheme) {
      case "redis", "rediss" -> {
        yield new RedisUrl(Mode.STANDALONE,
            List.of(node(masked, rest, user, password, tls, database(masked, path))), null, prefix,
            callerClock, ca, masked);
      }
      case "redis-cluster" -> {
        List<RedisURI> nodes = new ArrayList<>();
        for (String host : rest.split(",")) {
          nodes.add(node(masked, host, user, password, false, 0));
        }
        yield new RedisUrl(Mode.CLUSTER, nodes, null, prefix, callerClock, ca, masked);
      }
      case "redis-sentinel" -> {
        String[] parts = path.split("/", -1);
        if (parts[0].isEmpty()) {
          throw malformed(masked, "the Sentinel master name is missing");
        }
        int db = parts.length > 1 ? database(masked, parts[1]) : 0;
        RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(parts[0]).withDatabase(db);
        for (String host : rest.split(",")) {
          HostPort hp = hostPort(masked, host, 26379);
          builder.withSentinel(hp.host(), hp.port());
        }
        if (password != null) {
          builder = user == null ? builder.withPassword(password.toCharArray())
              : builder.withAuthentication(user, password.toCharArray());
        }
        yield new RedisUrl(Mode.SENTINEL, List.of(builder.build()), parts[0], prefix, callerClock,
            ca, masked);
      }
      default -> throw malformed(masked, "unknown scheme '" + scheme + "'");
    };
  }

  /** One host of a comma list: [user:password@]host[:port][/db is ignored]. */
  private static List<RedisURI> login(String masked, String text, boolean tls) {
    String user = null;
    String password = null;
    int at = text.lastIndexOf('@');
    if (at >= 0) {
      String info = text.substring(0, at);
      text = text.substring(at + 1);
      int sep = info.indexOf(':');
      user = sep < 0 || sep == 0 ? null : decode(info.substring(0, sep));
      password = decode(sep < 0 ? info : info.substring(sep + 1));
    }
    int slash = text.indexOf('/');
    if (slash >= 0) {
      text = text.substring(0, slash);
    }
    return List.of(node(masked, text, user, password, tls, 0));
  }

  /** The key every script names: the prefix as a hash tag, so one prefix lives on one slot. */
  String tag() {
    return "{" + prefix + "}";
  }

  private record HostPort(String host, int port) {}

  private static HostPort hostPort(String masked, String text, int defaultPort) {
    if (text.isBlank()) {
      throw malformed(masked, "a host is empty");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new HostPort(text, defaultPort);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw malformed(masked, "port out of range: " + port);
      }
      return new HostPort(text.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw malformed(masked, "the port of '" + text + "' is not a number");
    }
  }

  private static RedisURI node(
      String masked, String text, String user, String password, boolean tls, int db) {
    HostPort hp = hostPort(masked, text, 6379);
    RedisURI.Builder builder = RedisURI.builder().withHost(hp.host()).withPort(hp.port())
        .withSsl(tls).withDatabase(db);
    if (password != null) {
      builder = user == null ? builder.withPassword(password.toCharArray())
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

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  static IllegalArgumentException malformed(String masked, String why) {
    return new IllegalArgumentException(
        "Malformed Redis backend URL '" + masked + "': " + why + "; " + USAGE);
  }
}
