package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.TaskId;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.server.config.ServerConfig;
import dev.baton.spi.Claim;
import dev.baton.spi.NewTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedule and lease meters, read the way Prometheus reads them: by scraping /metrics. */
class MetricsTest {
  private final BatonServer server =
      BatonServer.start(
          ServerConfig.builder()
              .backend("memory:")
              .port(0)
              .maxBodyBytes(100_000)
              .workers(2)
              .shutdownGrace(Duration.ofSeconds(5))
              .build(),
          true,
          b -> b.reaperPeriod(Duration.ofMillis(20)).pollInterval(Duration.ofMillis(20)));

  @AfterEach
  void stop() {
    server.close();
  }

  private String scrape() throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private static ScheduleRecord schedule(
      String name, String every, Instant next, MisfirePolicy misfire) {
    Instant created = next.minus(Duration.ofDays(1));
    return ScheduleRecord.builder()
        .name(name)
        .kind(ScheduleKind.INTERVAL)
        .expression(every)
        .taskType("noop")
        .payload("{}")
        .queue("default")
        .priority(5)
        .enabled(true)
        .nextRunAt(next)
        .misfirePolicy(misfire)
        .createdAt(created)
        .updatedAt(created)
        .version(1)
        .build();
  }

  /** A task of a queue this server does not serve. */
  private static NewTask.Builder noop(String id) {
    return NewTask.builder()
        .id(TaskId.of(id))
        .type("noop")
        .queue("elsewhere")
        .payload("{}")
        .maxAttempts(3);
  }

  @Test
  void a_fresh_server_shows_its_gauges_and_counters_at_zero_on_the_first_scrape() throws Exception {
    String first = scrape();

    assertThat(first)
        .contains("baton_workers{state=\"busy\"} 0.0")
        .contains("baton_workers{state=\"idle\"} 2.0")
        .contains("baton_node_tasks_total{outcome=\"submitted\"} 0.0")
        .contains("baton_node_tasks_total{outcome=\"succeeded\"} 0.0")
        .contains("baton_node_tasks_total{outcome=\"failed\"} 0.0")
        .contains("baton_node_tasks_total{outcome=\"retried\"} 0.0")
        .contains("baton_node_tasks_total{outcome=\"suspended\"} 0.0")
        .contains("baton_tasks_enqueued_total{queue=\"default\",type=\"http\"} 0.0")
        .contains("baton_tasks_succeeded_total{queue=\"default\",type=\"http\"} 0.0")
        .contains("baton_tasks_failed_total{queue=\"default\",type=\"http\"} 0.0")
        .contains(
            "baton_queue_depth{queue=\"default\",state=\"ready\",status=\"QUEUED\",type=\"http\"} 0.0")
        .contains(
            "baton_queue_depth{queue=\"default\",state=\"scheduled\",status=\"QUEUED\",type=\"http\"} 0.0")
        .contains(
            "baton_queue_depth{queue=\"default\",state=\"running\",status=\"RUNNING\",type=\"http\"} 0.0");
  }

  @Test
  void queue_depth_tells_ready_tasks_from_scheduled_ones() throws Exception {
    var backend = server.baton().backend();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    // A queue this server does not serve, so that nothing claims the ready task.
    backend.enqueue(
        List.of(
            noop("now").build(),
            noop("soon").runAt(later).build(),
            noop("sooner").runAt(later).build()));

    assertThat(scrape())
        .contains(
            "baton_queue_depth{queue=\"elsewhere\",state=\"ready\",status=\"QUEUED\",type=\"noop\"} 1.0")
        .contains(
            "baton_queue_depth{queue=\"elsewhere\",state=\"scheduled\",status=\"QUEUED\",type=\"noop\"} 2.0");
  }

  @Test
  void schedule_ticks_fired_and_skipped_are_counted_by_schedule_type_and_queue() throws Exception {
    Instant now = Instant.now();
    var store = server.baton().backend().schedules();
    // Due now: fires. Missed the last ten minutes of ticks by far more than the misfire threshold
    // under SKIP: the missed ones make no task and are counted as skipped.
    store.upsert(schedule("due", "PT1H", now.minusMillis(100), MisfirePolicy.FIRE_ONCE));
    store.upsert(
        schedule(
            "missed",
            "PT1M",
            now.minus(Duration.ofMinutes(10)).minusSeconds(30),
            MisfirePolicy.SKIP));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains(
                        "baton_schedule_ticks_fired_total{queue=\"default\",schedule=\"due\",type=\"noop\"} 1.0")
                    .contains(
                        "baton_schedule_ticks_skipped_total{policy=\"SKIP\",queue=\"default\",schedule=\"missed\",type=\"noop\"} 11.0"));
    assertThat(scrape())
        .doesNotContain("baton_schedule_ticks_fired_total{queue=\"default\",schedule=\"missed\"");
  }

  @Test
  void an_expired_lease_is_counted_with_its_type_queue_and_outcome() throws Exception {
    var backend = server.baton().backend();
    // A queue this server does not serve, claimed by a node that then "dies" with a short lease.
    backend.enqueue(List.of(noop("orphan").priority(5).build()));
    assertThat(
            backend.claim(
                new Claim(
                    "dead-node",
                    "t-1",
                    Set.of("elsewhere"),
                    Set.of("noop"),
                    1,
                    Duration.ofSeconds(1))))
        .hasSize(1);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains(
                        "baton_leases_expired_total{outcome=\"requeued\",queue=\"elsewhere\",type=\"noop\"} 1.0"));
  }
}
