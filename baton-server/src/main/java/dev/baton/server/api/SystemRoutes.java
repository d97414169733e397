package dev.baton.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.spi.QueueCount;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Queues (counts by state), health, the OpenAPI document and the metrics endpoint. */
final class SystemRoutes {
  private SystemRoutes() {}

  static void add(List<Route> routes, Baton baton, ApiServer.MetricsSource metrics) {
    routes.add(Route.of("GET", "/api/v1/queues", call -> queues(baton)));
    routes.add(Route.of("GET", "/api/v1/health/live", call -> Reply.ok(status("UP", null))));
    routes.add(Route.of("GET", "/api/v1/health/ready", call -> ready(baton)));
    String openapi = resource("openapi.json");
    routes.add(Route.of("GET", "/api/v1/openapi.json", call -> new Reply(200, openapi, "application/json")));
    if (metrics != null) {
      routes.add(Route.of("GET", "/metrics", call -> new Reply(200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8")));
    }
  }

  private static Reply queues(Baton baton) {
    Map<String, Map<String, Long>> byQueue = new TreeMap<>();
    for (QueueCount c : baton.counts()) {
      byQueue.computeIfAbsent(c.queue(), q -> new TreeMap<>()).merge(c.status().name(), c.count(), Long::sum);
    }
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    var items = n.putArray("items");
    byQueue.forEach((queue, counts) -> {
      ObjectNode q = items.addObject();
      q.put("queue", queue);
      q.set("counts", ApiJson.MAPPER.valueToTree(counts));
    });
    return Reply.ok(n);
  }

  private static Reply ready(Baton baton) {
    try {
      baton.backend().ping();
      return Reply.ok(status("UP", null));
    } catch (RuntimeException e) {
      return new Reply(503, status("DOWN", e.getMessage()), "application/json");
    }
  }

  private static ObjectNode status(String status, String detail) {
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    n.put("status", status);
    if (detail != null) {
      n.put("detail", detail);
    }
    return n;
  }

  private static String resource(String name) {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/baton/server/api/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
