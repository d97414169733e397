package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.api.ApiServer;
import org.junit.jupiter.api.Test;

class StartLatencyTest {
  @Test
  void one_second_gives_count_median_p99_and_max_and_old_seconds_are_forgotten() {
    StartLatency latency = new StartLatency();
    for (int i = 1; i <= 100; i++) {
      latency.record(1_000, i);
    }
    latency.record(1_001, 7);

    assertThat(latency.of(1_000)).isEqualTo(new ApiServer.Latency(100, 50, 99, 100));
    assertThat(latency.of(1_001)).isEqualTo(new ApiServer.Latency(1, 7, 7, 7));
    assertThat(latency.of(999)).isEqualTo(new ApiServer.Latency(0, 0, 0, 0));

    latency.record(1_004, 3); // reuses the slot of second 1,000
    assertThat(latency.of(1_000).count()).isZero();
    assertThat(latency.of(1_004).count()).isEqualTo(1);
  }

  @Test
  void past_the_sample_cap_the_count_and_max_stay_exact() {
    StartLatency latency = new StartLatency();
    for (int i = 0; i < StartLatency.MAX_SAMPLES + 10; i++) {
      latency.record(5, 1);
    }
    latency.record(5, 900);
    assertThat(latency.of(5).count()).isEqualTo(StartLatency.MAX_SAMPLES + 11);
    assertThat(latency.of(5).maxMillis()).isEqualTo(900);
  }
}
