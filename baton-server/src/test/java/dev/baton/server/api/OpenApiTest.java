package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Baton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiTest {
  @Test
  void the_document_is_served_and_names_every_route() {
    try (TestServer api = new TestServer()) {
      var doc = api.get("/api/v1/openapi.json").json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      assertThat(doc).isEqualTo(OpenApiCheck.DOC);
      for (String path :
          new String[] {
            "/api/v1/tasks/abc/cancel",
            "/api/v1/schedules/x/next",
            "/api/v1/kv/k",
            "/api/v1/tasks/batch"
          }) {
        assertThat(OpenApiCheck.template(path)).as(path).isNotNull();
      }
      assertThat(OpenApiCheck.template("/api/v1/tasks/batch")).isEqualTo("/api/v1/tasks/batch");
    }
  }

  @Test
  void every_route_under_api_is_documented_and_every_documented_operation_is_a_route() {
    List<String> registered = new ArrayList<>();
    try (Baton baton = Baton.builder().start()) {
      for (Route route : ApiServer.routes(baton, () -> "", () -> null, () -> false, () -> null)) {
        String template = "/" + String.join("/", route.segments());
        // The dashboard's files, its redirect and /metrics are not part of the REST API.
        if (template.startsWith("/api/")) {
          registered.add(route.method() + " " + template);
        }
      }
    }
    List<String> documented = new ArrayList<>();
    OpenApiCheck.DOC
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void every_path_parameter_is_declared_once_and_every_declared_one_is_in_the_path() {
    OpenApiCheck.DOC
        .get("paths")
        .fields()
        .forEachRemaining(
            path -> {
              TreeSet<String> inPath = new TreeSet<>();
              for (String segment : Route.split(path.getKey())) {
                if (segment.startsWith("{")) {
                  inPath.add(segment.substring(1, segment.length() - 1));
                }
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      operation -> {
                        List<String> declared = new ArrayList<>();
                        for (JsonNode parameter : operation.getValue().path("parameters")) {
                          JsonNode p = OpenApiCheck.resolve(parameter);
                          if (p.get("in").asText().equals("path")) {
                            assertThat(p.path("required").asBoolean())
                                .as(
                                    "%s %s: path parameter %s required",
                                    operation.getKey(), path.getKey(), p.get("name"))
                                .isTrue();
                            declared.add(p.get("name").asText());
                          }
                        }
                        assertThat(declared)
                            .as("%s %s path parameters", operation.getKey(), path.getKey())
                            .containsExactlyInAnyOrderElementsOf(inPath);
                      });
            });
  }

  @Test
  void a_key_written_twice_in_the_yaml_is_refused() {
    String yaml = "paths:\n  /a:\n    get: {}\n  /a:\n    post: {}\n";
    assertThatThrownBy(
            () -> OpenApi.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("Duplicate field '/a'");
  }

  @Test
  void the_check_catches_a_missing_or_undocumented_field_and_an_undocumented_status() {
    var missing = new TestServer.Response(200, "application/json", "{\"id\":\"x\"}");
    assertThatThrownBy(() -> OpenApiCheck.verify("POST", "/api/v1/tasks/x/cancel", missing))
        .hasMessageContaining("lacks required field 'canceled'");
    var teapot = new TestServer.Response(418, "application/json", "{}");
    assertThatThrownBy(() -> OpenApiCheck.verify("GET", "/api/v1/tasks", teapot))
        .hasMessageContaining("undocumented status");
    var extra =
        new TestServer.Response(
            200, "application/json", "{\"id\":\"x\",\"canceled\":true,\"why\":1}");
    assertThatThrownBy(() -> OpenApiCheck.verify("POST", "/api/v1/tasks/x/cancel", extra))
        .hasMessageContaining("undocumented field 'why'");
    var problem =
        new TestServer.Response(404, "application/problem+json", "{\"type\":\"about:blank\"}");
    assertThatThrownBy(() -> OpenApiCheck.verify("GET", "/api/v1/tasks/x", problem))
        .hasMessageContaining("lacks required field 'title'");
  }
}
