package dev.baton.server.api;

import dev.baton.Baton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The dashboard: static files from the jar (no CDN, works offline) and {@code /api/v1/events}, a
 * server-sent event stream of queue counts and of the last second's start latency, once a second.
 * The page is public; its data comes from the API behind the token.
 */
final class DashboardRoutes {
  private static final Map<String, String> TYPES =
      Map.of(
          "index.html",
          "text/html; charset=utf-8",
          "app.js",
          "text/javascript; charset=utf-8",
          "app.css",
          "text/css; charset=utf-8");

  private DashboardRoutes() {}

  static void add(
      List<Route> routes, Baton baton, BooleanSupplier closing, ApiServer.LatencySource latency) {
    TYPES.forEach(
        (name, type) -> {
          String body = resource(name);
          routes.add(Route.of("GET", "/dashboard/" + name, call -> new Reply(200, body, type)));
        });
    String index = resource("index.html");
    routes.add(
        Route.of("GET", "/dashboard", call -> new Reply(200, index, TYPES.get("index.html"))));
    routes.add(
        Route.of(
            "GET",
            "/",
            call -> {
              call.exchange.getResponseHeaders().set("Location", "/dashboard/index.html");
              return new Reply(302, null, null);
            }));
    routes.add(Route.of("GET", "/api/v1/events", call -> stream(call, baton, closing, latency)));
  }

  private static Reply stream(
      RouteRequest call, Baton baton, BooleanSupplier closing, ApiServer.LatencySource latency)
      throws InterruptedException {
    var exchange = call.exchange;
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    try {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      while (!closing.getAsBoolean()) {
        String counts = ApiJson.MAPPER.writeValueAsString(SystemRoutes.queueCounts(baton));
        ApiServer.Latency l = latency.lastSecond();
        String wait =
            ApiJson.MAPPER.writeValueAsString(
                new Views.Latency(
                    l.count(), round(l.p50Millis()), round(l.p99Millis()), round(l.maxMillis())));
        out.write(
            ("event: counts\ndata: " + counts + "\n\nevent: latency\ndata: " + wait + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        TimeUnit.SECONDS.sleep(1);
      }
    } catch (IOException gone) {
      // The browser went away: the stream simply ends.
    }
    return null;
  }

  private static double round(double millis) {
    return Math.round(millis * 1000) / 1000.0;
  }

  private static String resource(String name) {
    try (InputStream in =
        DashboardRoutes.class.getResourceAsStream("/dev/baton/server/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/baton/server/dashboard/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
