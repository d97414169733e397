package dev.baton.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doubles_while_failures_repeat_up_to_the_cap_and_restarts_after_a_success() {
    Backoff backoff = new Backoff();
    assertThat(backoff.failed()).isEqualTo(100);
    assertThat(backoff.failed()).isEqualTo(200);
    assertThat(backoff.failed()).isEqualTo(400);
    for (int i = 0; i < 10; i++) {
      backoff.failed();
    }
    assertThat(backoff.failed()).isEqualTo(Backoff.DEFAULT_MAX.toMillis());
    backoff.succeeded();
    assertThat(backoff.failed()).isEqualTo(Backoff.DEFAULT_FIRST.toMillis());
  }

  @Test
  void custom_bounds_give_the_same_doubling_from_first_to_max() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    assertThat(backoff.failed()).isEqualTo(50);
    assertThat(backoff.failed()).isEqualTo(100);
    for (int i = 0; i < 10; i++) {
      backoff.failed();
    }
    assertThat(backoff.failed()).isEqualTo(2000);
  }

  @Test
  void succeeded_says_whether_it_ended_a_run_of_failures() {
    Backoff backoff = new Backoff();
    assertThat(backoff.succeeded()).isFalse();
    backoff.failed();
    assertThat(backoff.succeeded()).isTrue();
    assertThat(backoff.succeeded()).isFalse();
  }

  @Test
  void bounds_are_checked_quoting_the_value() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT1S");
  }
}
