package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Baton;
import java.time.Duration;
import java.util.List;

/** {@code /api/v1/kv}: keys by prefix, get, set with an optional ttl, delete. Values are JSON. */
final class KvRoutes {
  private final Baton baton;

  private KvRoutes(Baton baton) {
    this.baton = baton;
  }

  static void add(List<Route> routes, Baton baton) {
    KvRoutes kv = new KvRoutes(baton);
    routes.add(Route.of("GET", "/api/v1/kv", kv::keys));
    routes.add(Route.of("GET", "/api/v1/kv/{key}", kv::get));
    routes.add(Route.of("PUT", "/api/v1/kv/{key}", kv::set));
    routes.add(Route.of("DELETE", "/api/v1/kv/{key}", kv::delete));
  }

  private Reply keys(RouteRequest call) {
    String prefix = call.query("prefix") == null ? "" : call.query("prefix");
    return Reply.ok(new Views.Keys(prefix, baton.store().keys(prefix)));
  }

  private Reply get(RouteRequest call) {
    String key = call.path("key");
    String json =
        baton
            .store()
            .getJson(key)
            .orElseThrow(() -> new ApiException(404, "key", key, "no value for key '" + key + "'"));
    return Reply.ok(new Views.KvValue(key, ApiJson.parse(json)));
  }

  private Reply set(RouteRequest call) throws Exception {
    String key = call.path("key");
    JsonNode body = BodyFields.object(call.body(), "body");
    JsonNode value = body.get("value");
    if (value == null) {
      throw ApiException.badRequest("value", null, "'value' is required (any JSON)");
    }
    Duration ttl = BodyFields.duration(body, "ttl");
    Object plain = ApiJson.MAPPER.treeToValue(value, Object.class);
    if (ttl == null) {
      BodyFields.about(
          "key",
          key,
          () -> {
            baton.store().set(key, plain);
            return null;
          });
    } else {
      BodyFields.about(
          "ttl",
          ttl,
          () -> {
            baton.store().set(key, plain, ttl);
            return null;
          });
    }
    return Reply.noContent();
  }

  private Reply delete(RouteRequest call) {
    String key = call.path("key");
    if (!baton.store().delete(key)) {
      throw new ApiException(404, "key", key, "no value for key '" + key + "'");
    }
    return Reply.noContent();
  }
}
