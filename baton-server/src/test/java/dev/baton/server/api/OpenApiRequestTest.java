package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each typed property of a documented request body is one the server reads: sent with a value of
 * the wrong JSON type, it is refused with a 400 that names it. A documented field the server
 * ignores would be accepted instead.
 */
class OpenApiRequestTest {
  /**
   * A request schema, a route that takes it, a body the route accepts, and the status that answers
   * it: below 300, or the 404 or 409 of a worker call about a task the worker does not hold (the
   * body was read and checked before the task was looked up).
   */
  private record Accepting(String schema, String method, String path, String body, int status) {
    Accepting(String schema, String method, String path, String body) {
      this(schema, method, path, body, 0);
    }
  }

  private static final String SETTLE = "/api/v1/workers/schema-w/tasks/" + "0".repeat(26);

  private static final List<Accepting> REQUESTS =
      List.of(
          new Accepting(
              "EnqueueRequest", "POST", "/api/v1/tasks", "{\"type\":\"echo\",\"payload\":{}}"),
          new Accepting(
              "BatchRequest",
              "POST",
              "/api/v1/tasks/batch",
              "{\"tasks\":[{\"type\":\"echo\",\"payload\":{}}]}"),
          new Accepting(
              "ScheduleRequest",
              "POST",
              "/api/v1/schedules",
              "{\"name\":\"s\",\"kind\":\"INTERVAL\",\"expression\":\"1h\",\"type\":\"echo\",\"payload\":{}}"),
          new Accepting("KvSet", "PUT", "/api/v1/kv/k", "{\"value\":1}"),
          new Accepting(
              "WorkerRegistration",
              "POST",
              "/api/v1/workers",
              "{\"id\":\"schema-w\",\"queues\":[\"none\"]}"),
          new Accepting(
              "FetchRequest",
              "POST",
              "/api/v1/workers/schema-w/fetch",
              "{\"max\":1,\"wait\":\"0s\"}"),
          new Accepting("HeartbeatRequest", "POST", "/api/v1/workers/schema-w/heartbeat", "{}"),
          new Accepting(
              "SettleRequest", "POST", "/api/v1/workers/schema-w/settle", "{\"settlements\":[]}"),
          new Accepting("AckRequest", "POST", SETTLE + "/ack", "{\"lease\":\"l\"}", 404),
          new Accepting(
              "FailRequest",
              "POST",
              SETTLE + "/fail",
              "{\"lease\":\"l\",\"error\":{\"message\":\"m\"}}",
              404),
          new Accepting("SuspendRequest", "POST", SETTLE + "/suspend", "{\"lease\":\"l\"}", 404),
          new Accepting("ExtendRequest", "POST", SETTLE + "/extend", "{\"lease\":\"l\"}", 404),
          new Accepting("ReleaseRequest", "POST", SETTLE + "/release", "{\"lease\":\"l\"}", 404));

  @Test
  void every_documented_request_schema_is_sent_here() {
    List<String> requestSchemas = new ArrayList<>();
    OpenApiCheck.DOC
        .get("paths")
        .forEach(
            path ->
                path.forEach(
                    operation -> {
                      JsonNode ref =
                          operation.at("/requestBody/content/application~1json/schema/$ref");
                      if (!ref.isMissingNode()) {
                        requestSchemas.add(
                            ref.asText().substring("#/components/schemas/".length()));
                      }
                    }));
    assertThat(REQUESTS.stream().map(Accepting::schema))
        .containsExactlyInAnyOrderElementsOf(requestSchemas.stream().distinct().toList());
  }

  @Test
  void a_wrongly_typed_value_of_each_documented_property_is_refused_by_name() {
    try (TestServer api = new TestServer()) {
      for (Accepting request : REQUESTS) {
        int status = api.send(request.method(), request.path(), request.body()).status();
        if (request.status() == 0) {
          assertThat(status).as(request.toString()).isLessThan(300);
        } else {
          assertThat(status).as(request.toString()).isEqualTo(request.status());
        }
        JsonNode schema = OpenApiCheck.DOC.at("/components/schemas/" + request.schema());
        schema
            .get("properties")
            .fields()
            .forEachRemaining(
                property -> {
                  JsonNode wrong = wrongValue(property.getValue());
                  if (wrong == null) {
                    return; // Any JSON value is right.
                  }
                  ObjectNode body = (ObjectNode) readTree(request.body());
                  body.set(property.getKey(), wrong);
                  TestServer.Response response =
                      api.send(request.method(), request.path(), body.toString());
                  String what =
                      request.method()
                          + " "
                          + request.path()
                          + " with "
                          + property.getKey()
                          + "="
                          + wrong;
                  assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(400);
                  assertThat(response.json().path("field").asText())
                      .as(what + ": " + response.body())
                      .isEqualTo(property.getKey());
                });
      }
    }
  }

  private static JsonNode wrongValue(JsonNode schema) {
    return switch (schema.path("type").asText("")) {
      case "string" -> TestServer.JSON.getNodeFactory().numberNode(12345);
      case "integer", "boolean", "array" ->
          TestServer.JSON.getNodeFactory().textNode("not a " + schema.get("type").asText());
      default -> null;
    };
  }

  private static JsonNode readTree(String text) {
    try {
      return TestServer.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
