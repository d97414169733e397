package dev.baton.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void exponential_delays_grow_by_the_multiplier_up_to_the_maximum() {
    ExponentialRetry policy =
        RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxDelay(Duration.ofSeconds(5)).jitter(0);
    assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delay(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.delay(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(policy.delay(60)).isEqualTo(Duration.ofSeconds(5));
  }

  @RepeatedTest(20)
  void jitter_only_shortens_a_delay_and_by_at_most_its_fraction() {
    ExponentialRetry policy = RetryPolicy.exponential(Duration.ofSeconds(10), 1.0).jitter(0.25);
    assertThat(policy.delay(1)).isBetween(Duration.ofMillis(7_500), Duration.ofSeconds(10));
  }

  @Test
  void max_retries_sets_the_attempt_limit_one_above_it() {
    assertThat(RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxRetries(5).maxAttempts()).isEqualTo(6);
    assertThat(RetryPolicy.fixed(Duration.ofSeconds(3), 2).maxAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.fixed(Duration.ofSeconds(3), 2).delay(2)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void bad_settings_are_refused_with_the_value() {
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ZERO, 2.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.5");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(10), 2.0).maxDelay(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT1S");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> RetryPolicy.fixed(Duration.ofSeconds(1), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }
}
