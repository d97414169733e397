package dev.baton.server.api;

import static dev.baton.server.api.TaskApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The documented ranges of run-at times and intervals, and schedule state, over REST. */
class ScheduleRangeApiTest {
  private final TestServer api = new TestServer();

  @AfterEach
  void stop() {
    api.close();
  }

  private TestServer.Response enqueue(String option) {
    return api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{}," + option + "}");
  }

  private TestServer.Response schedule(String name, String kind, String expression) {
    return api.put(
        "/api/v1/schedules/" + name,
        "{\"kind\":\"" + kind + "\",\"expression\":\"" + expression + "\",\"type\":\"noop\"}");
  }

  @Test
  void run_at_times_outside_the_range_are_400_naming_the_field_and_store_nothing() {
    assertProblem(enqueue("\"runAt\":\"2400-01-01T00:00:00Z\""), 400, "runAt");
    assertProblem(enqueue("\"runAt\":\"0000-01-01T00:00:00Z\""), 400, "runAt");
    assertProblem(enqueue("\"delay\":\"P100000D\""), 400, "delay");
    assertThat(api.get("/api/v1/tasks").json().get("total").asLong()).isZero();
    assertThat(enqueue("\"runAt\":\"2199-12-31T00:00:00Z\"").status()).isEqualTo(201);
  }

  @Test
  void an_interval_below_the_floor_and_a_cron_that_never_fires_are_400_naming_the_expression() {
    var flood = schedule("flood", "INTERVAL", "PT0.001S");
    assertProblem(flood, 400, "expression");
    assertThat(flood.json().get("detail").asText()).contains("at least PT1S");
    var never = schedule("never", "CRON", "0 0 30 2 *");
    assertProblem(never, 400, "expression");
    assertThat(never.json().get("detail").asText()).contains("never fires");
    assertProblem(schedule("far", "ONCE", "2400-01-01T00:00:00Z"), 400, "expression");
    assertThat(api.get("/api/v1/schedules").json().get("items")).isEmpty();
  }

  @Test
  void schedule_json_tells_paused_from_finished() {
    assertThat(schedule("hourly", "INTERVAL", "PT1H").json().get("state").asText())
        .isEqualTo("ACTIVE");
    var paused = api.post("/api/v1/schedules/hourly/pause", null).json();
    assertThat(paused.get("state").asText()).isEqualTo("PAUSED");
    assertThat(paused.get("enabled").asBoolean()).isFalse();

    schedule("once", "ONCE", "2020-01-01T00:00:00Z");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/schedules/once").json().get("state").asText())
                    .isEqualTo("FINISHED"));
    assertThat(api.get("/api/v1/schedules/once").json().get("enabled").asBoolean()).isFalse();
  }
}
