package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.TaskType;
import dev.baton.schedule.ScheduleSpec;
import dev.baton.schedule.ScheduleState;
import dev.baton.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleLimitsTest {
  record Tick(int n) {}

  static final TaskType<Tick> TICK = TaskType.of("tick", Tick.class);

  private static Baton instance(BatonBuilder builder) {
    return builder.register(TICK).workers(0).runScheduler(false).start();
  }

  @Test
  void an_interval_below_the_floor_is_refused_and_the_floor_is_configurable() {
    try (Baton baton = instance(Baton.builder())) {
      Schedules schedules = baton.schedules();
      assertThatThrownBy(() -> schedules.interval("flood", Duration.ofMillis(1), TICK, new Tick(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least PT1S")
          .hasMessageContaining("'PT0.001S'");
      assertThat(schedules.get("flood")).isEmpty();
      assertThat(schedules.interval("ok", Duration.ofSeconds(1), TICK, new Tick(1)).state())
          .isEqualTo(ScheduleState.ACTIVE);
      assertThatThrownBy(
              () -> schedules.interval("ages", Duration.ofDays(36_501), TICK, new Tick(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most");
    }
    try (Baton baton = instance(Baton.builder().minInterval(Duration.ofMillis(100)))) {
      assertThat(
              baton
                  .schedules()
                  .interval("fast", Duration.ofMillis(100), TICK, new Tick(1))
                  .nextRunAt())
          .isNotNull();
      assertThatThrownBy(
              () -> baton.schedules().interval("faster", Duration.ofMillis(99), TICK, new Tick(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least PT0.1S");
    }
    assertThatThrownBy(() -> Baton.builder().minInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minInterval");
  }

  @Test
  void a_cron_that_can_never_fire_is_refused_at_creation() {
    try (Baton baton = instance(Baton.builder())) {
      Schedules schedules = baton.schedules();
      assertThatThrownBy(
              () -> schedules.cron("never", "0 0 30 2 *", ZoneOffset.UTC, TICK, new Tick(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'0 0 30 2 *'")
          .hasMessageContaining("never fires");
      assertThat(schedules.get("never")).isEmpty();
      // Once in four years is rare, not never.
      assertThat(
              schedules.cron("leap", "0 0 29 2 *", ZoneOffset.UTC, TICK, new Tick(1)).nextRunAt())
          .isNotNull();
    }
  }

  @Test
  void a_one_off_outside_the_run_at_range_is_refused() {
    try (Baton baton = instance(Baton.builder())) {
      assertThatThrownBy(
              () ->
                  baton
                      .schedules()
                      .once("far", Instant.parse("2400-01-01T00:00:00Z"), TICK, new Tick(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2400-01-01T00:00:00Z");
      assertThat(baton.schedules().list(false)).isEmpty();
    }
  }

  @Test
  void paused_and_finished_schedules_tell_their_state_apart() {
    try (Baton baton = instance(Baton.builder())) {
      Schedules schedules = baton.schedules();
      schedules.upsert(
          ScheduleSpec.interval("paused", Duration.ofHours(1)).task(TICK, new Tick(1)));
      schedules.pause("paused");
      assertThat(schedules.get("paused").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
      schedules.resume("paused");
      assertThat(schedules.get("paused").orElseThrow().state()).isEqualTo(ScheduleState.ACTIVE);
      // A one-off paused past its time fires on resume, and is then finished, not paused.
      schedules.once("done", Instant.now().minusSeconds(3600), TICK, new Tick(2));
      schedules.pause("done");
      assertThat(schedules.get("done").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
      assertThat(schedules.resume("done")).isTrue();
      var done = schedules.get("done").orElseThrow();
      assertThat(done.state()).isEqualTo(ScheduleState.FINISHED);
      assertThat(done.enabled()).isFalse();
      assertThat(done.runCount()).isEqualTo(1);
    }
  }
}
