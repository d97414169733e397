package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver). Screenshots
 * go to target/screenshots.
 */
class DashboardBrowserTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  @Test
  void enqueue_see_it_appear_retry_it_and_pause_a_schedule() throws Exception {
    boolean installed = Files.isExecutable(WebDriver.DRIVER) && Files.isExecutable(WebDriver.BROWSER);
    String need = "needs Debian's chromium and chromium-driver: ./scripts/services start browser";
    if (System.getProperty("baton.browser") != null || System.getenv("CI") != null) {
      // The full test run (./scripts/test, CI) installs the browser: missing it there is a failure.
      assertThat(installed).as(need).isTrue();
    }
    assumeThat(installed).as(need).isTrue();
    try (TestServer api = new TestServer(); WebDriver browser = new WebDriver()) {
      api.put("/api/v1/schedules/nightly", "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"noop\"}");
      browser.open(api.server.url() + "/dashboard/");
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.text("#live")).isEqualTo("live"));

      String id = api.post("/api/v1/tasks", "{\"type\":\"noop\",\"payload\":{},\"delay\":\"1h\",\"id\":\"from-rest\"}").json().get("id").asText();
      api.post("/api/v1/tasks/" + id + "/cancel", null);
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(browser.text("#tasks")).contains("from-rest").contains("CANCELED"));
      browser.screenshot(SHOTS.resolve("dashboard-task.png"));

      browser.click("button[data-retry='from-rest']");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(api.get("/api/v1/tasks/from-rest").json().get("status").asText()).isIn("QUEUED", "RUNNING", "SUCCEEDED"));

      browser.click("tr[data-name='nightly'] button[data-schedule='pause']");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(api.get("/api/v1/schedules/nightly").json().get("enabled").asBoolean()).isFalse());
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.text("#schedules")).contains("paused"));

      browser.click("tr.row[data-id='from-rest'] td");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.text("#detail")).contains("from-rest"));
      browser.screenshot(SHOTS.resolve("dashboard-after.png"));
      assertThat(SHOTS.resolve("dashboard-after.png")).isNotEmptyFile();
    }
  }
}
