package dev.baton.server.api;

import static dev.baton.server.api.TaskApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in http and shell types over REST: bad payloads are 400 at enqueue, internal targets
 * refused.
 */
class BuiltInTaskApiTest {
  private final TestServer api = new TestServer();

  @AfterEach
  void stop() {
    api.close();
  }

  private void assertRefusedAtEnqueue(String payload, String detail) {
    var bad =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\""
                + (payload.contains("command") ? "shell" : "http")
                + "\",\"payload\":"
                + payload
                + "}");
    assertProblem(bad, 400, null);
    assertThat(bad.json().get("field").asText()).startsWith("payload");
    assertThat(bad.json().get("detail").asText()).contains(detail);
    if (!detail.equals("args")) { // an unknown field is Jackson's message, naming the class
      assertThat(bad.json().get("detail").asText()).doesNotContain("dev.baton");
    }
  }

  @Test
  void bad_http_payloads_are_400_problems_and_nothing_is_stored() {
    assertRefusedAtEnqueue("{\"url\":\"file:///etc/passwd\"}", "http or https");
    assertRefusedAtEnqueue("{\"url\":\"gopher://example.com/\"}", "http or https");
    assertRefusedAtEnqueue("{\"url\":\"not a url\"}", "http or https");
    assertRefusedAtEnqueue("{\"url\":\"https://example.com/\",\"method\":\"TRACE\"}", "method");
    assertRefusedAtEnqueue(
        "{\"url\":\"https://example.com/\",\"method\":\"GET\\r\\nX: y\"}", "method");
    assertRefusedAtEnqueue("{\"url\":\"https://example.com/\",\"timeout\":\"forever\"}", "timeout");
    assertRefusedAtEnqueue("{\"url\":\"https://example.com/\",\"timeout\":\"1d\"}", "timeout");
    assertRefusedAtEnqueue(
        "{\"url\":\"https://example.com/\",\"headers\":{\"X-A\":\"1\\r\\nHost: evil\"}}", "CR, LF");
    assertRefusedAtEnqueue(
        "{\"url\":\"https://example.com/\",\"headers\":{\"X-A\":{\"b\":1}}}", "");
    assertRefusedAtEnqueue(
        "{\"url\":\"https://example.com/\",\"headers\":{\"Host\":\"internal\"}}", "Host");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void bad_shell_payloads_are_400_problems() {
    assertRefusedAtEnqueue(
        "{\"command\":\"echo\",\"params\":{\"f\":\"--checkpoint-action=exec=sh\"}}", "'-'");
    assertRefusedAtEnqueue(
        "{\"command\":\"echo\",\"args\":[\"--checkpoint-action=exec=sh\"]}", "args");
    assertRefusedAtEnqueue("{\"command\":\"echo\",\"timeout\":\"soon\"}", "timeout");
    assertRefusedAtEnqueue("{\"command\":\"\"}", "command");
  }

  @Test
  void an_http_task_cannot_call_the_server_itself() {
    String schedule =
        "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"noop\",\"payload\":{}}";
    assertThat(api.put("/api/v1/schedules/nightly", schedule).status()).isEqualTo(201);
    String call =
        "{\"type\":\"http\",\"maxAttempts\":3,\"payload\":{\"method\":\"DELETE\",\"url\":\""
            + api.server.url()
            + "/api/v1/schedules/nightly\"}}";
    String id = api.post("/api/v1/tasks", call).json().get("id").asText();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var task = api.get("/api/v1/tasks/" + id).json();
              assertThat(task.get("status").asText()).isEqualTo("FAILED");
              assertThat(task.get("attempts").asInt()).isEqualTo(1);
              assertThat(task.get("errors").toString())
                  .contains("loopback")
                  .contains("tasks.http.allow");
            });
    assertThat(api.get("/api/v1/schedules/nightly").status()).isEqualTo(200);
  }
}
