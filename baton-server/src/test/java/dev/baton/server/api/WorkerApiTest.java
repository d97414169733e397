package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.config.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP worker protocol (docs/workers.md) against a real server, call by call. */
class WorkerApiTest {
  private static final String REGISTER =
      "{\"id\":\"w1\",\"queues\":[\"remote\"],\"types\":[\"py_job\"],\"labels\":{\"lang\":\"test\"},\"concurrency\":4}";

  private final List<TestServer> servers = new ArrayList<>();
  private final TestServer api = start(config());

  private static ServerConfig.Builder config() {
    // The server's own workers serve "default" only; the remote worker takes from "remote".
    return ServerConfig.builder()
        .backend("memory:")
        .port(0)
        .workers(2)
        .shutdownGrace(Duration.ofMillis(200))
        .queues(List.of("default"));
  }

  private TestServer start(ServerConfig.Builder config) {
    TestServer server = new TestServer(config.build());
    servers.add(server);
    return server;
  }

  @AfterEach
  void stop() {
    servers.forEach(TestServer::close);
  }

  private static String enqueue(TestServer api, String extra) {
    var created =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"py_job\",\"queue\":\"remote\",\"payload\":{\"n\":1}" + extra + "}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static JsonNode fetchOne(TestServer api, String worker) {
    var fetched = api.post("/api/v1/workers/" + worker + "/fetch", "{\"max\":1,\"wait\":\"10s\"}");
    assertThat(fetched.status()).as("%s", fetched).isEqualTo(200);
    assertThat(fetched.json().get("tasks")).as("%s", fetched).hasSize(1);
    return fetched.json().get("tasks").get(0);
  }

  private static JsonNode task(TestServer api, String id) {
    return api.get("/api/v1/tasks/" + id).json();
  }

  private static String lease(JsonNode fetched) {
    return "{\"lease\":\"" + fetched.get("lease").asText() + "\"";
  }

  @Test
  void a_type_declared_for_remote_workers_is_enqueued_before_any_worker_registers() {
    var refused = api.post("/api/v1/tasks", "{\"type\":\"py_job\",\"payload\":{}}");
    assertThat(refused.status()).as("%s", refused).isEqualTo(400);
    TestServer declared = start(config().workerTypes(List.of("py_job")));

    String id = enqueue(declared, "");
    assertThat(declared.post("/api/v1/workers", REGISTER).status()).isEqualTo(201);

    assertThat(fetchOne(declared, "w1").get("id").asText()).isEqualTo(id);
  }

  @Test
  void a_worker_registers_fetches_and_acks_and_a_second_ack_is_refused() {
    var registered = api.post("/api/v1/workers", REGISTER);
    assertThat(registered.status()).as("%s", registered).isEqualTo(201);
    assertThat(registered.json().get("id").asText()).isEqualTo("w1");
    assertThat(registered.json().get("heartbeatInterval").asText()).isEqualTo("PT10S");
    assertThat(registered.json().get("missedHeartbeats").asInt()).isEqualTo(3);
    String id = enqueue(api, ",\"correlationId\":\"c-1\",\"timeout\":\"5m\"");

    JsonNode got = fetchOne(api, "w1");
    assertThat(got.get("id").asText()).isEqualTo(id);
    assertThat(got.get("payload").get("n").asInt()).isEqualTo(1);
    assertThat(got.get("attempt").asInt()).isEqualTo(1);
    assertThat(got.get("correlationId").asText()).isEqualTo("c-1");
    assertThat(got.get("timeout").asText()).isEqualTo("PT5M");
    assertThat(task(api, id).get("status").asText()).isEqualTo("RUNNING");

    var acked =
        api.post(
            "/api/v1/workers/w1/tasks/" + id + "/ack", lease(got) + ",\"result\":{\"ok\":true}}");
    assertThat(acked.status()).as("%s", acked).isEqualTo(200);
    assertThat(acked.json().get("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode done = task(api, id);
    assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.get("result").get("ok").asBoolean()).isTrue();

    var again = api.post("/api/v1/workers/w1/tasks/" + id + "/ack", lease(got) + "}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("type").asText()).endsWith("lease-lost");
    var unknown = api.post("/api/v1/workers/w1/tasks/no-such-task/ack", lease(got) + "}");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void a_waiting_fetch_is_answered_by_an_enqueue() throws Exception {
    api.post("/api/v1/workers", REGISTER);
    CompletableFuture<TestServer.Response> waiting =
        CompletableFuture.supplyAsync(
            () -> api.post("/api/v1/workers/w1/fetch", "{\"max\":2,\"wait\":\"30s\"}"));
    String id = enqueue(api, "");

    TestServer.Response fetched = waiting.get(60, TimeUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    fetched.json().get("tasks").forEach(t -> ids.add(t.get("id").asText()));
    if (ids.isEmpty()) {
      ids.add(fetchOne(api, "w1").get("id").asText()); // the fetch looked before the enqueue landed
    }
    assertThat(ids).containsExactly(id);
  }

  @Test
  void a_fetch_with_nothing_to_do_answers_empty_after_its_wait() {
    api.post("/api/v1/workers", REGISTER);
    var fetched = api.post("/api/v1/workers/w1/fetch", "{\"wait\":\"20ms\"}");
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().get("state").asText()).isEqualTo("run");
    assertThat(fetched.json().get("tasks")).isEmpty();
  }

  @Test
  void a_retryable_failure_requeues_with_an_attempt_spent_and_a_final_one_fails() {
    api.post("/api/v1/workers", REGISTER);
    String retried = enqueue(api, ",\"maxAttempts\":3");
    JsonNode got = fetchOne(api, "w1");
    var failed =
        api.post(
            "/api/v1/workers/w1/tasks/" + retried + "/fail",
            lease(got)
                + ",\"error\":{\"message\":\"SMTP 451\",\"kind\":\"smtp\"},\"retryAfter\":\"1h\"}");
    assertThat(failed.status()).as("%s", failed).isEqualTo(200);
    assertThat(failed.json().get("status").asText()).isEqualTo("QUEUED");
    JsonNode t = task(api, retried);
    assertThat(t.get("status").asText()).isEqualTo("QUEUED");
    assertThat(t.get("attempts").asInt()).isEqualTo(1);
    assertThat(t.get("errors").get(0).get("message").asText()).isEqualTo("smtp: SMTP 451");
    assertThat(Instant.parse(t.get("runAt").asText()))
        .isAfter(Instant.now().plus(Duration.ofMinutes(30)));

    String final_ = enqueue(api, ",\"maxAttempts\":3");
    JsonNode other = fetchOne(api, "w1");
    var refused =
        api.post(
            "/api/v1/workers/w1/tasks/" + final_ + "/fail",
            lease(other) + ",\"error\":{\"message\":\"bad address\"},\"retry\":false}");
    assertThat(refused.json().get("status").asText()).isEqualTo("FAILED");
    assertThat(task(api, final_).get("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void a_suspended_task_comes_back_with_its_state_and_a_release_spends_no_attempt() {
    api.post("/api/v1/workers", REGISTER);
    String id = enqueue(api, "");
    JsonNode got = fetchOne(api, "w1");
    var suspended =
        api.post(
            "/api/v1/workers/w1/tasks/" + id + "/suspend",
            lease(got) + ",\"after\":\"0s\",\"state\":{\"step\":2}}");
    assertThat(suspended.json().get("status").asText()).isEqualTo("SUSPENDED");

    JsonNode resumed = fetchOne(api, "w1");
    assertThat(resumed.get("id").asText()).isEqualTo(id);
    assertThat(resumed.get("state").get("step").asInt()).isEqualTo(2);
    int attempt = resumed.get("attempt").asInt();

    var released = api.post("/api/v1/workers/w1/tasks/" + id + "/release", lease(resumed) + "}");
    assertThat(released.json().get("status").asText()).isEqualTo("QUEUED");
    JsonNode again = fetchOne(api, "w1");
    assertThat(again.get("attempt").asInt()).isEqualTo(attempt);
  }

  @Test
  void an_extend_moves_the_lease_deadline_and_a_heartbeat_counts_the_leases() {
    api.post("/api/v1/workers", REGISTER);
    String id = enqueue(api, "");
    JsonNode got = fetchOne(api, "w1");
    var extended =
        api.post("/api/v1/workers/w1/tasks/" + id + "/extend", lease(got) + ",\"by\":\"10m\"}");
    assertThat(extended.status()).as("%s", extended).isEqualTo(200);
    assertThat(Instant.parse(extended.json().get("leaseDeadline").asText()))
        .isAfter(Instant.parse(got.get("leaseDeadline").asText()));
    var tooShort =
        api.post("/api/v1/workers/w1/tasks/" + id + "/extend", lease(got) + ",\"by\":\"10ms\"}");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.json().get("field").asText()).isEqualTo("by");

    var beat = api.post("/api/v1/workers/w1/heartbeat", "{}");
    assertThat(beat.status()).isEqualTo(200);
    assertThat(beat.json().get("state").asText()).isEqualTo("run");
    assertThat(beat.json().get("leases").asInt()).isEqualTo(1);
    assertThat(beat.json().get("lost")).isEmpty();

    api.post("/api/v1/tasks/" + id + "/cancel", null);
    var after = api.post("/api/v1/workers/w1/heartbeat", "{}").json();
    assertThat(after.get("leases").asInt()).isZero();
    assertThat(after.get("lost").get(0).asText()).isEqualTo(id);
  }

  @Test
  void a_batch_reports_a_task_canceled_while_held_as_lease_lost_and_settles_the_rest() {
    api.post("/api/v1/workers", REGISTER);
    String a = enqueue(api, "");
    String b = enqueue(api, "");
    List<JsonNode> held = new ArrayList<>();
    while (held.size() < 2) {
      api.post("/api/v1/workers/w1/fetch", "{\"max\":2,\"wait\":\"10s\"}")
          .json()
          .get("tasks")
          .forEach(held::add);
    }
    api.post("/api/v1/tasks/" + a + "/cancel", null);
    StringBuilder body = new StringBuilder("{\"settlements\":[");
    for (String id : List.of(a, b)) {
      JsonNode t =
          held.stream().filter(h -> h.get("id").asText().equals(id)).findFirst().orElseThrow();
      body.append(id.equals(a) ? "" : ",")
          .append("{\"task\":\"")
          .append(id)
          .append("\",\"lease\":\"")
          .append(t.get("lease").asText())
          .append("\",\"outcome\":\"ack\"}");
    }
    var settled = api.post("/api/v1/workers/w1/settle", body.append("]}").toString());

    assertThat(settled.status()).as("%s", settled).isEqualTo(200);
    assertThat(settled.json().get("results").toString())
        .isEqualTo(
            "[{\"task\":\""
                + a
                + "\",\"error\":\"lease-lost\"},{\"task\":\""
                + b
                + "\",\"status\":\"SUCCEEDED\"}]");
    assertThat(task(api, a).get("status").asText()).isEqualTo("CANCELED");
    assertThat(task(api, b).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void a_batch_settles_each_and_reports_a_lost_lease_and_an_unknown_task_in_place() {
    api.post("/api/v1/workers", REGISTER);
    String a = enqueue(api, "");
    String b = enqueue(api, "");
    String c = enqueue(api, "");
    List<JsonNode> held = new ArrayList<>();
    while (held.size() < 3) {
      api.post("/api/v1/workers/w1/fetch", "{\"max\":3,\"wait\":\"10s\"}")
          .json()
          .get("tasks")
          .forEach(held::add);
    }
    JsonNode ta =
        held.stream().filter(t -> t.get("id").asText().equals(a)).findFirst().orElseThrow();
    JsonNode tb =
        held.stream().filter(t -> t.get("id").asText().equals(b)).findFirst().orElseThrow();
    JsonNode tc =
        held.stream().filter(t -> t.get("id").asText().equals(c)).findFirst().orElseThrow();
    String body =
        "{\"settlements\":["
            + "{\"task\":\""
            + a
            + "\",\"lease\":\""
            + ta.get("lease").asText()
            + "\",\"outcome\":\"ack\",\"result\":1},"
            + "{\"task\":\""
            + b
            + "\",\"lease\":\"not-its-lease\",\"outcome\":\"ack\"},"
            + "{\"task\":\"nothing-here\",\"lease\":\"x\",\"outcome\":\"release\"},"
            + "{\"task\":\""
            + c
            + "\",\"lease\":\""
            + tc.get("lease").asText()
            + "\",\"outcome\":\"fail\","
            + "\"error\":{\"message\":\"no\"},\"retry\":false}]}";
    var settled = api.post("/api/v1/workers/w1/settle", body);
    assertThat(settled.status()).as("%s", settled).isEqualTo(200);
    assertThat(settled.json().get("results").toString())
        .isEqualTo(
            "[{\"task\":\""
                + a
                + "\",\"status\":\"SUCCEEDED\"},"
                + "{\"task\":\""
                + b
                + "\",\"error\":\"lease-lost\"},{\"task\":\"nothing-here\",\"error\":\"not-found\"},"
                + "{\"task\":\""
                + c
                + "\",\"status\":\"FAILED\"}]");
    assertThat(task(api, b).get("status").asText()).isEqualTo("RUNNING");
    assertThat(api.post("/api/v1/workers/w1/tasks/" + b + "/release", lease(tb) + "}").status())
        .isEqualTo(200);

    var bad =
        api.post(
            "/api/v1/workers/w1/settle",
            "{\"settlements\":[{\"task\":\""
                + a
                + "\",\"lease\":\"l\","
                + "\"outcome\":\"fail\",\"error\":{}}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("settlements[0].error.message");
  }

  @Test
  void a_worker_that_misses_its_heartbeats_loses_its_tasks_at_once_and_a_late_ack_is_refused() {
    TestServer quick =
        start(config().heartbeatInterval(Duration.ofMillis(100)).missedHeartbeats(3));
    quick.post("/api/v1/workers", REGISTER);
    String id = enqueue(quick, "");
    quick.post("/api/v1/workers", REGISTER); // again, so the fetch comes well within the window
    JsonNode got = fetchOne(quick, "w1");

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(task(quick, id).get("status").asText()).isEqualTo("QUEUED"));
    assertThat(task(quick, id).get("attempts").asInt()).isZero();
    var late = quick.post("/api/v1/workers/w1/tasks/" + id + "/ack", lease(got) + "}");
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("type").asText()).endsWith("lease-lost");
    assertThat(quick.post("/api/v1/workers/w1/heartbeat", "{}").status()).isEqualTo(404);
    assertThat(quick.post("/api/v1/workers/w1/fetch", "{\"wait\":\"0s\"}").status()).isEqualTo(404);
  }

  @Test
  void a_worker_that_leaves_gives_its_tasks_back_without_spending_attempts() {
    api.post("/api/v1/workers", REGISTER);
    String id = enqueue(api, "");
    fetchOne(api, "w1");
    var nodes = api.get("/api/v1/nodes").json().get("workers");
    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).get("id").asText()).isEqualTo("w1");
    assertThat(nodes.get(0).get("labels").get("lang").asText()).isEqualTo("test");
    assertThat(nodes.get(0).get("leases").asInt()).isEqualTo(1);
    assertThat(nodes.get(0).get("tasks").get(0).get("id").asText()).isEqualTo(id);

    assertThat(api.delete("/api/v1/workers/w1").status()).isEqualTo(204);
    JsonNode t = task(api, id);
    assertThat(t.get("status").asText()).isEqualTo("QUEUED");
    assertThat(t.get("attempts").asInt()).isZero();
    assertThat(api.delete("/api/v1/workers/w1").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/nodes").json().get("workers")).isEmpty();
  }

  @Test
  void a_fetch_hands_a_worker_no_more_than_its_concurrency() {
    api.post(
        "/api/v1/workers",
        "{\"id\":\"w2\",\"queues\":[\"remote\"],\"types\":[\"py_job\"],\"concurrency\":1}");
    enqueue(api, "");
    enqueue(api, "");
    fetchOne(api, "w2");
    var full = api.post("/api/v1/workers/w2/fetch", "{\"max\":5,\"wait\":\"20ms\"}");
    assertThat(full.json().get("tasks")).isEmpty();
  }

  @Test
  void bad_registrations_and_fetches_name_the_field() {
    assertProblem(api.post("/api/v1/workers", "{\"queues\":[]}"), 400, "queues");
    assertProblem(api.post("/api/v1/workers", "{}"), 400, "queues");
    assertProblem(api.post("/api/v1/workers", "{\"queues\":[\"a b\"]}"), 400, "queues[0]");
    assertProblem(
        api.post("/api/v1/workers", "{\"queues\":[\"a\"],\"concurrency\":0}"), 400, "concurrency");
    assertProblem(api.post("/api/v1/workers", "{\"queues\":[\"a\"],\"id\":\"\"}"), 400, "id");
    assertProblem(
        api.post("/api/v1/workers", "{\"queues\":[\"a\"],\"labels\":{\"k\":1}}"), 400, "labels.k");
    var anonymous = api.post("/api/v1/workers", "{\"queues\":[\"a\"]}");
    assertThat(anonymous.status()).isEqualTo(201);
    String id = anonymous.json().get("id").asText();
    assertProblem(api.post("/api/v1/workers/" + id + "/fetch", "{\"wait\":\"31s\"}"), 400, "wait");
    assertProblem(api.post("/api/v1/workers/" + id + "/fetch", "{\"max\":0}"), 400, "max");
    assertProblem(api.post("/api/v1/workers/nobody/fetch", "{}"), 404, "worker");
  }

  @Test
  void a_draining_server_tells_its_workers_to_go_quiet() throws Exception {
    TestServer draining = start(config().shutdownGrace(Duration.ofSeconds(30)));
    draining.post("/api/v1/workers", REGISTER);
    String id = enqueue(draining, "");
    JsonNode got = fetchOne(draining, "w1");
    CompletableFuture<Void> closed = CompletableFuture.runAsync(draining.server::close);
    // The close waits for the held task; meanwhile the worker hears "quiet" and may still settle.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        draining
                            .post("/api/v1/workers/w1/heartbeat", "{}")
                            .json()
                            .get("state")
                            .asText())
                    .isEqualTo("quiet"));
    assertThat(draining.post("/api/v1/workers/w1/fetch", "{\"wait\":\"0s\"}").json().get("tasks"))
        .isEmpty();
    assertThat(draining.post("/api/v1/workers/w1/tasks/" + id + "/ack", lease(got) + "}").status())
        .isEqualTo(200);
    closed.get(20, TimeUnit.SECONDS);
    servers.remove(draining);
  }

  @Test
  void scoped_tokens_may_do_only_their_share() {
    TestServer secured =
        start(config().token("admin-token").workToken("work-token").enqueueToken("enqueue-token"));
    secured.token = "enqueue-token";
    assertThat(secured.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{}}").status())
        .isEqualTo(201);
    assertThat(secured.get("/api/v1/tasks?limit=1").status()).isEqualTo(200);
    assertProblem(secured.post("/api/v1/workers", REGISTER), 403, "Authorization");
    assertProblem(secured.get("/api/v1/nodes"), 403, "Authorization");

    secured.token = "work-token";
    assertThat(secured.post("/api/v1/workers", REGISTER).status()).isEqualTo(201);
    assertThat(secured.post("/api/v1/workers/w1/heartbeat", "{}").status()).isEqualTo(200);
    assertThat(
            secured
                .post("/api/v1/tasks/batch", "{\"tasks\":[{\"type\":\"noop\",\"payload\":{}}]}")
                .status())
        .isEqualTo(201);
    assertProblem(secured.put("/api/v1/kv/k", "{\"value\":1}"), 403, "Authorization");
    assertProblem(secured.get("/api/v1/schedules"), 403, "Authorization");
    assertProblem(secured.post("/api/v1/tasks/retry-failed", "{}"), 403, "Authorization");

    secured.token = "admin-token";
    assertThat(secured.put("/api/v1/kv/k", "{\"value\":1}").status()).isEqualTo(204);
    assertThat(secured.delete("/api/v1/workers/w1").status()).isEqualTo(204);
    secured.token = "wrong";
    assertThat(secured.get("/api/v1/tasks?limit=1").status()).isEqualTo(401);
  }

  private static void assertProblem(TestServer.Response response, int status, String field) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("field").asText()).as("%s", response).isEqualTo(field);
  }
}
