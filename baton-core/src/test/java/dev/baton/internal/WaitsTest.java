package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaitsTest {
  @Test
  void nanos_between_times_centuries_apart_saturate_instead_of_overflowing() {
    Instant now = Instant.parse("2026-12-07T00:00:00Z");
    assertThat(Waits.nanosBetween(now, Instant.parse("2400-01-01T00:00:00Z")))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Waits.nanosBetween(now, Instant.parse("0000-01-01T00:00:00Z")))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(Waits.nanosBetween(now, now.plusSeconds(1))).isEqualTo(1_000_000_000L);
    assertThat(Waits.nanos(Duration.ofDays(365L * 1000))).isEqualTo(Long.MAX_VALUE);
  }
}
