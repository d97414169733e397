package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenApiTest {
  @Test
  void the_document_is_served_and_names_every_route() {
    try (TestServer api = new TestServer()) {
      var doc = api.get("/api/v1/openapi.json").json();
      assertThat(doc.get("openapi").asText()).startsWith("3.");
      assertThat(doc).isEqualTo(OpenApiCheck.DOC);
      for (String path : new String[] {"/api/v1/tasks/abc/cancel", "/api/v1/schedules/x/next", "/api/v1/kv/k", "/api/v1/tasks/batch"}) {
        assertThat(OpenApiCheck.template(path)).as(path).isNotNull();
      }
      assertThat(OpenApiCheck.template("/api/v1/tasks/batch")).isEqualTo("/api/v1/tasks/batch");
    }
  }

  @Test
  void the_check_catches_a_missing_or_undocumented_field_and_an_undocumented_status() {
    var missing = new TestServer.Response(200, "application/json", "{\"id\":\"x\"}");
    assertThatThrownBy(() -> OpenApiCheck.verify("POST", "/api/v1/tasks/x/cancel", missing))
        .hasMessageContaining("lacks required field 'canceled'");
    var teapot = new TestServer.Response(418, "application/json", "{}");
    assertThatThrownBy(() -> OpenApiCheck.verify("GET", "/api/v1/tasks", teapot))
        .hasMessageContaining("undocumented status");
    var extra = new TestServer.Response(200, "application/json", "{\"id\":\"x\",\"canceled\":true,\"why\":1}");
    assertThatThrownBy(() -> OpenApiCheck.verify("POST", "/api/v1/tasks/x/cancel", extra))
        .hasMessageContaining("undocumented field 'why'");
    var problem = new TestServer.Response(404, "application/problem+json", "{\"type\":\"about:blank\"}");
    assertThatThrownBy(() -> OpenApiCheck.verify("GET", "/api/v1/tasks/x", problem))
        .hasMessageContaining("lacks required field 'title'");
  }
}
