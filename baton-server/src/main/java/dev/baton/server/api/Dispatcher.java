package dev.baton.server.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Host}, the {@code Origin} of a state change and the token, finds the route,
 * runs it and writes its reply or its problem document.
 */
final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<Route> routes;
  private final ApiSettings settings;
  private final byte[] adminDigest;
  private final byte[] workDigest;
  private final byte[] enqueueDigest;
  private final Set<String> hostNames;
  private final boolean anyHost;
  private final Set<String> origins;

  Dispatcher(List<Route> routes, ApiSettings settings) {
    this.routes = routes;
    this.settings = settings;
    this.adminDigest = settings.token() == null ? null : sha256(settings.token());
    this.workDigest = settings.workToken() == null ? null : sha256(settings.workToken());
    this.enqueueDigest = settings.enqueueToken() == null ? null : sha256(settings.enqueueToken());
    this.anyHost = settings.allowedHosts().contains("*");
    this.hostNames = new java.util.HashSet<>(Set.of("localhost", hostOf(settings.host())));
    settings.allowedHosts().forEach(h -> hostNames.add(hostOf(h)));
    this.origins = new java.util.HashSet<>();
    settings
        .allowedOrigins()
        .forEach(o -> origins.add(o.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "")));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String instance = exchange.getRequestURI().getPath();
    try (exchange) {
      Reply reply;
      try {
        reply = route(exchange);
      } catch (Exception e) {
        int status = Problems.statusOf(e);
        String requestId = null;
        if (status >= 500) {
          requestId = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
          log.warn("request {}: {} {} failed", requestId, exchange.getRequestMethod(), instance, e);
        }
        reply = new Reply(status, Problems.of(e, instance, requestId), Problems.CONTENT_TYPE);
      }
      write(exchange, reply);
    }
  }

  private Reply route(HttpExchange exchange) throws Exception {
    List<String> path = Route.split(exchange.getRequestURI().getRawPath());
    if (!isHealth(path)) {
      checkHost(exchange);
    }
    if (STATE_CHANGING.contains(exchange.getRequestMethod())) {
      checkOrigin(exchange);
    }
    if (!isPublic(path)) {
      authorize(exchange, path);
    }
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = route.match(path);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(exchange.getRequestMethod())) {
        return route.handler().handle(new RouteRequest(exchange, params, settings.maxBodyBytes()));
      }
    }
    if (pathKnown) {
      throw new ApiException(
          405,
          null,
          exchange.getRequestMethod(),
          "method " + exchange.getRequestMethod() + " is not allowed here");
    }
    throw new ApiException(
        404, null, null, "no such resource: " + exchange.getRequestURI().getPath());
  }

  // Probes from orchestrators carry no token; the dashboard's files hold no data.
  private static boolean isPublic(List<String> path) {
    return path.isEmpty() || path.get(0).equals("dashboard") || isHealth(path);
  }

  // Probes may name the node any way the orchestrator likes, and learn only up or down.
  private static boolean isHealth(List<String> path) {
    return path.size() >= 3 && path.get(0).equals("api") && path.get(2).equals("health");
  }

  /**
   * DNS rebinding points a name the attacker owns at this server, so the browser sends that name as
   * {@code Host}: only IP literals, {@code localhost}, the bound name and the configured names
   * pass.
   */
  private void checkHost(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || anyHost) {
      return; // HTTP/1.0 clients send none; a browser always does.
    }
    String name = hostOf(host);
    if (!hostNames.contains(name) && !IPV4.matcher(name).matches() && !name.startsWith("[")) {
      throw new ApiException(
          421,
          "Host",
          host,
          "the Host '"
              + host
              + "' is not one this server answers to;"
              + " add the name to server.allowed-hosts");
    }
  }

  /** A browser names the page that sent a request: a state change from another site is refused. */
  private void checkOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return; // Not sent by a browser on another site: browsers always send Origin cross-origin.
    }
    String normalized = origin.trim().toLowerCase(Locale.ROOT);
    if (origins.contains(normalized)) {
      return;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    String authority = authorityOf(normalized);
    if (host != null
        && authority != null
        && authority.equals(host.trim().toLowerCase(Locale.ROOT))) {
      return;
    }
    throw new ApiException(
        403,
        "Origin",
        origin,
        "a request from the page at '"
            + origin
            + "' may not change state"
            + " here; add the origin to server.allowed-origins to let it");
  }

  /** What a token may do; each scope includes the ones before it. */
  enum Scope {
    ENQUEUE,
    WORK,
    ADMIN
  }

  private void authorize(HttpExchange exchange, List<String> path) {
    if (adminDigest == null) {
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    String token = null;
    if (given != null) {
      String[] parts = given.trim().split("\\s+", 2);
      if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
        token = parts[1].trim();
      }
    }
    Scope scope = token == null ? null : scopeOf(sha256(token));
    if (scope == null) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"baton\"");
      throw new ApiException(
          401, "Authorization", null, "a valid 'Authorization: Bearer <token>' header is required");
    }
    Scope needed = needed(exchange.getRequestMethod(), path);
    if (scope.compareTo(needed) < 0) {
      throw new ApiException(
          403,
          "Authorization",
          null,
          "this token may not do this: it needs the "
              + needed.name().toLowerCase(Locale.ROOT)
              + " scope ("
              + tokenKey(needed)
              + ")");
    }
  }

  // Constant time over digests of equal length, each compared whatever the earlier ones gave: no
  // timing tells how much of a guess was right, how long the token is, or which scope it was near.
  private Scope scopeOf(byte[] digest) {
    boolean admin = MessageDigest.isEqual(adminDigest, digest);
    boolean work = workDigest != null && MessageDigest.isEqual(workDigest, digest);
    boolean enqueue = enqueueDigest != null && MessageDigest.isEqual(enqueueDigest, digest);
    return admin ? Scope.ADMIN : work ? Scope.WORK : enqueue ? Scope.ENQUEUE : null;
  }

  /**
   * The scope a request needs: enqueueing and reading tasks need the enqueue scope, the worker
   * protocol the work scope, everything else administration.
   */
  static Scope needed(String method, List<String> path) {
    if (path.size() < 3 || !path.get(0).equals("api") || !path.get(1).equals("v1")) {
      return Scope.ADMIN;
    }
    String head = path.get(2);
    if (head.equals("workers")) {
      return Scope.WORK;
    }
    if (head.equals("tasks")) {
      boolean enqueue =
          method.equals("POST")
              && (path.size() == 3 || path.size() == 4 && path.get(3).equals("batch"));
      boolean read = method.equals("GET") && path.size() <= 4;
      return enqueue || read ? Scope.ENQUEUE : Scope.ADMIN;
    }
    return Scope.ADMIN;
  }

  private static String tokenKey(Scope scope) {
    return switch (scope) {
      case ADMIN -> "server.token";
      case WORK -> "server.work-token or server.token";
      case ENQUEUE -> "any token";
    };
  }

  /**
   * The host of a {@code Host} header or of a configured name: lower case, no port, no final dot.
   */
  static String hostOf(String hostHeader) {
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
      host = host.substring(0, colon);
    } else if (colon >= 0) {
      host = "[" + host + "]"; // A bare IPv6 address, as configured.
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * {@code host[:port]} of an origin as a browser serializes it, or null for {@code null} and junk.
   */
  private static String authorityOf(String origin) {
    try {
      URI uri = new URI(origin);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    if (reply == null) {
      return; // A stream that wrote its own response.
    }
    if (reply.body() == null) {
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    byte[] bytes =
        reply.body() instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : ApiJson.MAPPER.writeValueAsBytes(reply.body());
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
