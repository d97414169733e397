package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver). Screenshots go
 * to target/screenshots.
 */
class DashboardBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  @Test
  void enqueue_see_it_appear_retry_it_and_pause_a_schedule() throws Exception {
    boolean installed =
        Files.isExecutable(WebDriver.DRIVER) && Files.isExecutable(WebDriver.BROWSER);
    String need = "needs Debian's chromium and chromium-driver: ./scripts/services start browser";
    if (System.getProperty("baton.browser") != null || System.getenv("CI") != null) {
      // The full test run (./scripts/test, CI) installs the browser: missing it there is a failure.
      assertThat(installed).as(need).isTrue();
    }
    assumeThat(installed).as(need).isTrue();
    try (TestServer api = new TestServer();
        WebDriver browser = new WebDriver()) {
      api.put(
          "/api/v1/schedules/nightly",
          "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"noop\"}");
      browser.open(api.server.url() + "/dashboard/");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(browser.text("#live")).isEqualTo("live"));

      String id =
          api.post(
                  "/api/v1/tasks",
                  "{\"type\":\"noop\",\"payload\":{},\"delay\":\"1h\",\"id\":\"from-rest\"}")
              .json()
              .get("id")
              .asText();
      api.post("/api/v1/tasks/" + id + "/cancel", null);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> assertThat(browser.text("#tasks")).contains("from-rest").contains("CANCELED"));
      browser.screenshot(SHOTS.resolve("dashboard-task.png"));

      browser.click("button[data-retry='from-rest']");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/v1/tasks/from-rest").json().get("status").asText())
                      .isIn("QUEUED", "RUNNING", "SUCCEEDED"));

      browser.click("tr[data-name='nightly'] button[data-schedule='pause']");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/v1/schedules/nightly").json().get("enabled").asBoolean())
                      .isFalse());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(browser.text("#schedules")).contains("paused"));

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/v1/tasks/from-rest").json().get("status").asText())
                      .isEqualTo("SUCCEEDED"));
      // The list re-renders every few seconds, so a click can land on a row just replaced: retry
      // it.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                browser.click("tr.row[data-id='from-rest'] td");
                assertThat(browser.text("#history"))
                    .contains("created")
                    .contains("due")
                    .contains("attempt 1 started")
                    .contains("succeeded");
              });
      assertThat(browser.text("#detail")).contains("derived from the task record");

      // The live latency chart: the retried task started, so a second with starts comes over SSE.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> assertThat(browser.text("#latency-now")).contains("started").contains("p99"));
      browser.screenshot(SHOTS.resolve("dashboard-after.png"));
      assertThat(SHOTS.resolve("dashboard-after.png")).isNotEmptyFile();

      // A failed attempt shows in the derived history with its error.
      api.post(
          "/api/v1/tasks",
          "{\"type\":\"http\",\"id\":\"doomed\",\"maxAttempts\":1,\"payload\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:1/\"}}");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(api.get("/api/v1/tasks/doomed").json().get("status").asText())
                      .isEqualTo("FAILED"));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(browser.text("#tasks")).contains("doomed"));
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () -> {
                browser.click("tr.row[data-id='doomed'] td");
                assertThat(browser.text("#history"))
                    .contains("attempt 1 failed")
                    .contains("loopback address");
              });
      browser.script("document.querySelector('#history').scrollIntoView({block: 'end'})");
      browser.screenshot(SHOTS.resolve("dashboard-detail.png"));
      browser.script("window.scrollTo(0, 0)");

      // Pause and resume a queue from its row; the state lives in the backend and shows on the
      // page.
      browser.click("tr[data-queue='default'] button[data-queue-action='pause']");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/api/v1/queues")
                              .json()
                              .get("items")
                              .get(0)
                              .get("paused")
                              .asBoolean())
                      .isTrue());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(browser.text("#queues")).contains("paused").contains("Resume"));
      browser.screenshot(SHOTS.resolve("dashboard-paused.png"));
      browser.click("tr[data-queue='default'] button[data-queue-action='resume']");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/api/v1/queues")
                              .json()
                              .get("items")
                              .get(0)
                              .get("paused")
                              .asBoolean())
                      .isFalse());

      // The nodes view comes from the node registry: this server, its role and workers.
      String self = api.get("/api/v1/nodes").json().get("self").asText();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(browser.text("#nodes")).contains(self).contains("server"));

      // A remote worker shows beside the nodes, with its labels and leases.
      api.post(
          "/api/v1/workers",
          "{\"id\":\"py-box-3\",\"queues\":[\"mail\"],\"labels\":{\"lang\":\"python\"},\"concurrency\":8}");
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(browser.text("#remote-workers"))
                      .contains("py-box-3")
                      .contains("lang=python")
                      .contains("0 / 8"));
    }
  }
}
