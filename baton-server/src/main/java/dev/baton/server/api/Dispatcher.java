package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks the token, finds the route, runs it and writes its reply or its problem document. */
final class Dispatcher implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final List<Route> routes;
  private final ApiSettings settings;
  private final byte[] expectedAuth;

  Dispatcher(List<Route> routes, ApiSettings settings) {
    this.routes = routes;
    this.settings = settings;
    this.expectedAuth =
        settings.token() == null ? null : ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
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
        if (status >= 500) {
          log.warn("{} {} failed", exchange.getRequestMethod(), instance, e);
        }
        reply = new Reply(status, Problems.of(e, instance), Problems.CONTENT_TYPE);
      }
      write(exchange, reply);
    }
  }

  private Reply route(HttpExchange exchange) throws Exception {
    List<String> path = Route.split(exchange.getRequestURI().getRawPath());
    if (!isPublic(path)) {
      authorize(exchange);
    }
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = route.match(path);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(exchange.getRequestMethod())) {
        return route.handler().handle(new Call(exchange, params, settings.maxBodyBytes()));
      }
    }
    if (pathKnown) {
      throw new ApiException(405, null, exchange.getRequestMethod(), "method " + exchange.getRequestMethod() + " is not allowed here");
    }
    throw new ApiException(404, null, null, "no such resource: " + exchange.getRequestURI().getPath());
  }

  // Probes from orchestrators carry no token; the dashboard's files hold no data.
  private static boolean isPublic(List<String> path) {
    return path.isEmpty()
        || path.get(0).equals("dashboard")
        || path.size() >= 3 && path.get(0).equals("api") && path.get(2).equals("health");
  }

  private void authorize(HttpExchange exchange) {
    if (expectedAuth == null) {
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    String query = exchange.getRequestURI().getRawQuery();
    if (given == null && query != null && exchange.getRequestURI().getPath().equals("/api/v1/events")) {
      // EventSource cannot send headers, so the event stream alone takes the token as ?token=.
      for (String pair : query.split("&")) {
        if (pair.startsWith("token=")) {
          given = "Bearer " + Call.decode(pair.substring("token=".length()));
        }
      }
    }
    byte[] givenBytes = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    // Constant time: a timing difference must not tell how much of a guessed token was right.
    if (!MessageDigest.isEqual(expectedAuth, givenBytes)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"baton\"");
      throw new ApiException(401, "Authorization", null, "a valid 'Authorization: Bearer <token>' header is required");
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
            : ApiJson.MAPPER.writeValueAsBytes((JsonNode) toTree(reply.body()));
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static JsonNode toTree(Object body) {
    return body instanceof JsonNode node ? node : ApiJson.MAPPER.valueToTree(body);
  }
}
