package dev.baton.server.api;

import static dev.baton.server.api.TaskApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduleApiTest {
  private final TestServer api = new TestServer();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void a_schedule_is_upserted_read_listed_paused_resumed_triggered_and_deleted() {
    String body =
        "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"zone\":\"Asia/Shanghai\",\"type\":\"echo\","
            + "\"payload\":{\"report\":\"nightly\"},\"description\":\"the report\"}";
    var created = api.put("/api/v1/schedules/nightly", body);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("nextRunAt").asText()).endsWith("T18:00:00Z");
    assertThat(api.put("/api/v1/schedules/nightly", body).status()).isEqualTo(200);

    assertThat(api.get("/api/v1/schedules/nightly").json().get("zone").asText())
        .isEqualTo("Asia/Shanghai");
    assertThat(api.get("/api/v1/schedules").json().get("items")).hasSize(1);
    var next = api.get("/api/v1/schedules/nightly/next?count=3").json();
    assertThat(next.get("times")).hasSize(3);

    assertThat(api.post("/api/v1/schedules/nightly/pause", null).json().get("enabled").asBoolean())
        .isFalse();
    assertThat(api.get("/api/v1/schedules?enabled=true").json().get("items")).isEmpty();
    assertThat(api.post("/api/v1/schedules/nightly/resume", null).json().get("enabled").asBoolean())
        .isTrue();

    String id = api.post("/api/v1/schedules/nightly/trigger", null).json().get("id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/tasks/" + id)
                            .json()
                            .path("result")
                            .path("report")
                            .asText())
                    .isEqualTo("nightly"));

    assertThat(api.delete("/api/v1/schedules/nightly").status()).isEqualTo(204);
    assertThat(api.get("/api/v1/schedules/nightly").status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/schedules/nightly").status()).isEqualTo(404);
  }

  @Test
  void an_interval_schedule_posted_with_its_name_in_the_body() {
    var created =
        api.post(
            "/api/v1/schedules",
            "{\"name\":\"tick\",\"kind\":\"interval\",\"expression\":\"PT1H\",\"type\":\"noop\",\"misfire\":\"skip\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("misfire").asText()).isEqualTo("SKIP");
  }

  @Test
  void an_interval_reads_like_every_other_duration_and_is_stored_in_iso() {
    var created =
        api.put(
            "/api/v1/schedules/tick",
            "{\"kind\":\"interval\",\"expression\":\"5s\",\"type\":\"noop\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("expression").asText()).isEqualTo("PT5S");
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"interval\",\"expression\":\"P1000000000D\",\"type\":\"noop\"}"),
        400,
        "expression");
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"interval\",\"expression\":\"0s\",\"type\":\"noop\"}"),
        400,
        "expression");
    assertThat(api.get("/api/v1/schedules/bad").status()).isEqualTo(404);
  }

  @Test
  void bad_schedules_are_400_naming_the_field_and_store_nothing() {
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"cron\",\"expression\":\"0 99 * * *\",\"type\":\"noop\"}"),
        400,
        "expression");
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"zone\":\"Mars/Olympus\",\"type\":\"noop\"}"),
        400,
        "zone");
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"weekly\",\"expression\":\"x\",\"type\":\"noop\"}"),
        400,
        "kind");
    assertProblem(
        api.put(
            "/api/v1/schedules/bad",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"send_fax\"}"),
        400,
        "type");
    assertThat(api.get("/api/v1/schedules").json().get("items")).isEmpty();
    assertProblem(api.post("/api/v1/schedules/none/pause", null), 404, null);
  }
}
