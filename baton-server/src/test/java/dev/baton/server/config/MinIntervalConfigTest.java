package dev.baton.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.BatonBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinIntervalConfigTest {
  @Test
  void scheduler_min_interval_defaults_to_the_builders_and_is_read_from_the_environment() {
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).minInterval())
        .isEqualTo(BatonBuilder.DEFAULT_MIN_INTERVAL);
    assertThat(
            ConfigLoader.load(null, Map.of("BATON_SCHEDULER_MIN_INTERVAL", "250ms"), Map.of())
                .minInterval())
        .isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("BATON_SCHEDULER_MIN_INTERVAL", "0s"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scheduler.min-interval")
        .hasMessageContaining("BATON_SCHEDULER_MIN_INTERVAL");
  }
}
