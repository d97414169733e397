package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskApiTest {
  private final TestServer api = new TestServer();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void an_enqueued_echo_task_runs_and_its_result_reads_back() {
    var created =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"echo\",\"payload\":{\"hello\":\"world\"},\"priority\":3}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().get("id").asText();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var task = api.get("/api/v1/tasks/" + id).json();
              assertThat(task.get("status").asText()).isEqualTo("SUCCEEDED");
              assertThat(task.get("result").get("hello").asText()).isEqualTo("world");
              assertThat(task.get("priority").asInt()).isEqualTo(3);
            });
  }

  @Test
  void an_enqueue_with_a_known_id_creates_nothing_and_says_so() {
    String body = "{\"type\":\"noop\",\"payload\":{},\"id\":\"order-42\",\"delay\":\"1h\"}";
    assertThat(api.post("/api/v1/tasks", body).status()).isEqualTo(201);
    var again = api.post("/api/v1/tasks", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("created").asBoolean()).isFalse();
  }

  @Test
  void an_enqueue_stores_its_retry_policy_in_canonical_form_with_its_attempt_limit() {
    var created =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"noop\",\"payload\":{},\"delay\":\"1h\","
                + "\"retryPolicy\":\"exponential initial=PT2S multiplier=3 max=PT1H retries=2 jitter=0\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);

    var task = api.get("/api/v1/tasks/" + created.json().get("id").asText()).json();
    assertThat(task.get("retryPolicy").asText())
        .isEqualTo("exponential initial=PT2S multiplier=3.0 max=PT1H retries=2 jitter=0.0");
    assertThat(task.get("maxAttempts").asInt()).isEqualTo(3);
  }

  @Test
  void a_malformed_retry_policy_is_a_400_that_names_the_field_and_the_part_at_fault() {
    var bad =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"noop\",\"payload\":{},\"retryPolicy\":\"fixed delay=PT1S retries=lots\"}");
    assertProblem(bad, 400, "retryPolicy");
    assertThat(bad.json().get("detail").asText()).contains("retries must be a whole number");

    var batch =
        api.post(
            "/api/v1/tasks/batch",
            "{\"tasks\":[{\"type\":\"noop\",\"payload\":{}},"
                + "{\"type\":\"noop\",\"payload\":{},\"retryPolicy\":\"linear\"}]}");
    assertProblem(batch, 400, "tasks[1].retryPolicy");
  }

  @Test
  void a_batch_is_stored_and_listed_with_filters_and_paging() {
    var batch =
        api.post(
            "/api/v1/tasks/batch",
            "{\"tasks\":[{\"type\":\"noop\",\"payload\":{},\"queue\":\"later\",\"delay\":\"1h\"},"
                + "{\"type\":\"noop\",\"payload\":{},\"queue\":\"later\",\"delay\":\"1h\"},"
                + "{\"type\":\"noop\",\"payload\":{},\"queue\":\"other\",\"delay\":\"1h\"}]}");
    assertThat(batch.status()).as("%s", batch).isEqualTo(201);
    assertThat(batch.json().get("tasks")).hasSize(3);

    var page = api.get("/api/v1/tasks?queue=later&status=queued&limit=1").json();
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("queue").asText()).isEqualTo("later");

    var queues = api.get("/api/v1/queues").json().get("items");
    assertThat(queues.toString()).contains("\"later\"").contains("\"QUEUED\":2");
  }

  @Test
  void the_queue_list_tells_ready_tasks_from_scheduled_ones() {
    // "other" is not served by this server: its due task stays ready.
    api.post(
        "/api/v1/tasks/batch",
        "{\"tasks\":[{\"type\":\"noop\",\"payload\":{},\"queue\":\"other\",\"delay\":\"1h\"},"
            + "{\"type\":\"noop\",\"payload\":{},\"queue\":\"other\",\"delay\":\"2h\"},"
            + "{\"type\":\"noop\",\"payload\":{},\"queue\":\"other\"}]}");

    var queues = api.get("/api/v1/queues").json().get("items");
    assertThat(queues)
        .filteredOn(q -> q.get("queue").asText().equals("other"))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.get("counts").get("QUEUED").asLong()).isEqualTo(3);
              assertThat(q.get("ready").asLong()).isEqualTo(1);
              assertThat(q.get("scheduled").asLong()).isEqualTo(2);
            });
  }

  @Test
  void cancel_then_retry_and_bulk_retry_of_failed() {
    String id =
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"1h\"}")
            .json()
            .get("id")
            .asText();
    var canceled = api.post("/api/v1/tasks/" + id + "/cancel", null);
    assertThat(canceled.json().get("canceled").asBoolean()).as("%s", canceled).isTrue();
    assertThat(api.get("/api/v1/tasks/" + id).json().get("status").asText()).isEqualTo("CANCELED");
    assertThat(api.post("/api/v1/tasks/" + id + "/retry", null).json().get("retried").asBoolean())
        .isTrue();

    String failing = "{\"type\":\"http\",\"payload\":{\"url\":\"http://127.0.0.1:1/\"}}";
    String f1 = api.post("/api/v1/tasks", failing).json().get("id").asText();
    api.post("/api/v1/tasks", failing);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/tasks?status=FAILED").json().get("total").asLong())
                    .isEqualTo(2));
    assertThat(api.get("/api/v1/tasks/" + f1).json().get("errors").get(0).toString())
        .contains("loopback");

    var bulk = api.post("/api/v1/tasks/retry-failed", null);
    assertThat(bulk.json().get("retried").asLong()).as("%s", bulk).isEqualTo(2);
  }

  @Test
  void shell_runs_only_what_the_allow_list_names() {
    String id =
        api.post("/api/v1/tasks", "{\"type\":\"shell\",\"payload\":{\"command\":\"echo\"}}")
            .json()
            .get("id")
            .asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/tasks/" + id)
                            .json()
                            .path("result")
                            .path("exitCode")
                            .asText())
                    .isEqualTo("0"));
    try (TestServer plain = new TestServer(null, 10_000, java.util.List.of())) {
      assertProblem(
          plain.post("/api/v1/tasks", "{\"type\":\"shell\",\"payload\":{\"command\":\"echo\"}}"),
          400,
          "type");
    }
  }

  @Test
  void an_unknown_task_is_404_problem_json() {
    var missing = api.get("/api/v1/tasks/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(api.post("/api/v1/tasks/nope/cancel", null).status()).isEqualTo(404);
  }

  @Test
  void malformed_json_is_400_naming_the_body_and_nothing_is_stored() {
    var bad = api.post("/api/v1/tasks", "{\"type\": \"echo\", \"payload\": ");
    assertProblem(bad, 400, "body");
    assertThat(bad.json().get("detail").asText()).contains("malformed JSON");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void an_unknown_type_is_400_naming_the_type_and_its_value() {
    var bad = api.post("/api/v1/tasks", "{\"type\":\"send_fax\",\"payload\":{}}");
    assertProblem(bad, 400, "type");
    assertThat(bad.json().get("value").asText()).isEqualTo("send_fax");
  }

  @Test
  void a_bad_task_in_a_batch_is_named_by_its_index_and_none_is_stored() {
    var bad =
        api.post(
            "/api/v1/tasks/batch",
            "{\"tasks\":[{\"type\":\"echo\",\"payload\":1},{\"type\":\"fax\",\"payload\":1}]}");
    assertProblem(bad, 400, "tasks[1].type");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void bad_options_are_400_naming_the_field() {
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"priority\":11}"),
        400,
        "priority");
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"soon\"}"),
        400,
        "delay");
    assertProblem(api.post("/api/v1/tasks", "{\"type\":\"noop\"}"), 400, "payload");
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"http\",\"payload\":{\"url\":1,\"nope\":2}}"),
        400,
        null);
    assertProblem(api.get("/api/v1/tasks?status=DONE"), 400, "status");
  }

  @Test
  void a_delay_and_a_run_at_time_together_are_400() {
    var both =
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"noop\",\"payload\":{},\"delay\":\"30s\",\"runAt\":\"2030-01-01T00:00:00Z\"}");
    assertProblem(both, 400, "runAt");
    assertThat(both.json().get("detail").asText()).contains("delay").contains("runAt");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void durations_out_of_range_are_400_naming_the_field_not_clamped() {
    var far =
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"P1000000000D\"}");
    assertProblem(far, 400, "delay");
    assertThat(far.json().get("detail").asText()).contains("100 years");
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"timeout\":\"-PT5S\"}"),
        400,
        "timeout");
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"timeout\":\"0s\"}"),
        400,
        "timeout");
    assertThat(
            api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"P1D\"}")
                .status())
        .isEqualTo(201);
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isEqualTo(1);
  }

  @Test
  void a_payload_value_of_another_kind_is_400_naming_its_path_and_nothing_is_stored() {
    String hook = "\"url\":\"https://example.com/hook\"";
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"http\",\"payload\":{" + hook + ",\"body\":5}}"),
        400,
        "payload.body");
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"http\",\"payload\":{" + hook + ",\"timeout\":30}}"),
        400,
        "payload.timeout");
    assertProblem(
        api.post(
            "/api/v1/tasks",
            "{\"type\":\"shell\",\"payload\":{\"command\":\"echo\",\"params\":{\"n\":1}}}"),
        400,
        "payload.params.n");
    assertProblem(
        api.post(
            "/api/v1/tasks/batch",
            "{\"tasks\":[{\"type\":\"noop\",\"payload\":{}},"
                + "{\"type\":\"http\",\"payload\":{"
                + hook
                + ",\"method\":true}}]}"),
        400,
        "tasks[1].payload.method");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void a_null_payload_is_400_like_a_missing_one() {
    assertProblem(
        api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":null}"), 400, "payload");
    assertProblem(
        api.post("/api/v1/tasks/batch", "{\"tasks\":[{\"type\":\"noop\",\"payload\":null}]}"),
        400,
        "tasks[0].payload");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
  }

  @Test
  void an_oversized_body_is_413() {
    try (TestServer small = new TestServer(null, 100)) {
      var bad =
          small.post(
              "/api/v1/tasks",
              "{\"type\":\"noop\",\"payload\":{\"text\":\"" + "x".repeat(200) + "\"}}");
      assertProblem(bad, 413, "body");
      assertThat(small.get("/api/v1/tasks").json().get("total").asLong()).isZero();
    }
  }

  @Test
  void a_payload_over_one_mib_is_413_naming_the_payload_and_nothing_is_stored() {
    String big = "\"" + "x".repeat(1024 * 1024) + "\"";
    var bad = api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":" + big + "}");
    assertProblem(bad, 413, "payload");
    assertThat(bad.json().get("detail").asText())
        .contains("1048578 bytes")
        .contains("limit of 1048576 bytes");
    assertProblem(
        api.post(
            "/api/v1/tasks/batch", "{\"tasks\":[{\"type\":\"echo\",\"payload\":" + big + "}]}"),
        413,
        "tasks[0].payload");
    String fits = "\"" + "x".repeat(1024 * 1024 - 2) + "\"";
    assertThat(api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":" + fits + "}").status())
        .isEqualTo(201);
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isEqualTo(1);
  }

  @Test
  void a_token_is_required_when_configured() {
    try (TestServer secured = new TestServer("s3cret", 10_000)) {
      secured.token = null;
      assertProblem(secured.get("/api/v1/tasks"), 401, "Authorization");
      assertThat(secured.get("/api/v1/health/live").status()).isEqualTo(200);
      secured.token = "wrong";
      assertThat(secured.get("/api/v1/tasks").status()).isEqualTo(401);
      secured.token = "s3cret";
      assertThat(secured.get("/api/v1/tasks").status()).isEqualTo(200);
    }
  }

  static void assertProblem(TestServer.Response response, int status, String field) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    var problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    if (field != null) {
      assertThat(problem.get("field").asText()).as("%s", response).isEqualTo(field);
    }
  }
}
