package dev.baton.server.api;

import static dev.baton.server.api.TaskApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KvAndSystemApiTest {
  private final TestServer api = new TestServer();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void values_are_set_read_listed_by_prefix_and_deleted() {
    assertThat(
            api.put("/api/v1/kv/cookie:a", "{\"value\":{\"session\":\"abc\"},\"ttl\":\"1h\"}")
                .status())
        .isEqualTo(204);
    assertThat(api.put("/api/v1/kv/cookie:b", "{\"value\":42}").status()).isEqualTo(204);
    assertThat(api.put("/api/v1/kv/other", "{\"value\":\"x\"}").status()).isEqualTo(204);

    assertThat(api.get("/api/v1/kv/cookie:a").json().get("value").get("session").asText())
        .isEqualTo("abc");
    assertThat(api.get("/api/v1/kv?prefix=cookie:").json().get("keys"))
        .extracting(n -> n.asText())
        .containsExactlyInAnyOrder("cookie:a", "cookie:b");
    assertThat(api.delete("/api/v1/kv/cookie:a").status()).isEqualTo(204);
    assertProblem(api.get("/api/v1/kv/cookie:a"), 404, "key");
    assertProblem(api.put("/api/v1/kv/k", "{\"value\":1,\"ttl\":\"forever\"}"), 400, "ttl");
    assertProblem(api.put("/api/v1/kv/k", "{\"nothing\":1}"), 400, "value");
  }

  @Test
  void a_paused_queue_keeps_its_tasks_and_shows_in_the_queue_list_until_resumed() {
    var paused = api.post("/api/v1/queues/default/pause", null).json();
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(paused.get("changed").asBoolean()).isTrue();
    assertThat(api.post("/api/v1/queues/default/pause", null).json().get("changed").asBoolean())
        .isFalse();
    assertThat(
            api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":1,\"id\":\"held\"}").status())
        .isEqualTo(201);

    var queues = api.get("/api/v1/queues").json().get("items");
    assertThat(queues)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.get("queue").asText()).isEqualTo("default");
              assertThat(q.get("paused").asBoolean()).isTrue();
              assertThat(q.get("counts").get("QUEUED").asLong()).isEqualTo(1);
            });
    assertThat(api.get("/api/v1/tasks/held").json().get("status").asText()).isEqualTo("QUEUED");
    // The pause lives under a reserved key: out of the user's listing, and not the user's to
    // change.
    assertThat(api.get("/api/v1/kv").json().get("keys")).isEmpty();
    assertProblem(api.put("/api/v1/kv/_baton%2Fpaused%2Fdefault", "{\"value\":1}"), 400, "key");

    assertThat(api.post("/api/v1/queues/default/resume", null).json().get("changed").asBoolean())
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> api.get("/api/v1/tasks/held").json().get("status").asText().equals("SUCCEEDED"));
    assertThat(api.get("/api/v1/queues").json().get("items").get(0).get("paused").asBoolean())
        .isFalse();
    assertProblem(api.post("/api/v1/queues/%20/pause", null), 400, "queue");
  }

  @Test
  void a_queue_name_an_enqueue_refuses_is_400_on_pause_and_resume() {
    for (String name : java.util.List.of("_baton%2Fx", "a%00b", "q".repeat(101), "with%20space")) {
      String queue = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
      String json =
          "{\"type\":\"noop\",\"payload\":{},\"queue\":\""
              + queue.replace("\u0000", "\\u0000")
              + "\"}";
      assertProblem(api.post("/api/v1/tasks", json), 400, "queue");
      assertProblem(api.post("/api/v1/queues/" + name + "/pause", null), 400, "queue");
      assertProblem(api.post("/api/v1/queues/" + name + "/resume", null), 400, "queue");
    }
    assertThat(api.get("/api/v1/queues").json().get("items")).isEmpty();
  }

  @Test
  void health_answers_and_readiness_pings_the_backend() {
    assertThat(api.get("/api/v1/health/live").json().get("status").asText()).isEqualTo("UP");
    assertThat(api.get("/api/v1/health/ready").json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void nodes_list_this_node() {
    var nodes = api.get("/api/v1/nodes").json();
    assertThat(nodes.get("items").get(0).get("node").asText())
        .isEqualTo(nodes.get("self").asText());
  }

  @Test
  void unknown_paths_and_methods_are_problems() {
    assertProblem(api.get("/api/v1/nothing"), 404, null);
    assertProblem(api.delete("/api/v1/tasks"), 405, null);
  }

  @Test
  void metrics_count_tasks_by_type_and_show_queue_depth() {
    api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":1}");
    api.post(
        "/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"1h\",\"queue\":\"later\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var metrics = api.get("/metrics");
              assertThat(metrics.contentType()).startsWith("text/plain");
              assertThat(metrics.body())
                  .contains("baton_tasks_enqueued_total{queue=\"default\",type=\"echo\"} 1.0")
                  .contains("baton_tasks_succeeded_total{queue=\"default\",type=\"echo\"} 1.0")
                  .contains("baton_tasks_wait_seconds_bucket")
                  .contains("baton_tasks_run_seconds_count{queue=\"default\",type=\"echo\"} 1")
                  .contains(
                      "baton_queue_depth{queue=\"later\",state=\"scheduled\",status=\"QUEUED\",type=\"noop\"} 1.0")
                  .contains(
                      "baton_queue_depth{queue=\"later\",state=\"ready\",status=\"QUEUED\",type=\"noop\"} 0.0")
                  .contains("baton_node_tasks_total{outcome=\"submitted\"} 2.0")
                  .contains("baton_node_tasks_total{outcome=\"succeeded\"} 1.0");
            });
  }
}
