package dev.baton.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  @Test
  void exponential_delays_grow_by_the_multiplier_up_to_the_maximum() {
    ExponentialRetry policy =
        RetryPolicy.exponential(Duration.ofSeconds(1), 2.0)
            .maxDelay(Duration.ofSeconds(5))
            .jitter(0);
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
    assertThat(RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxRetries(5).maxAttempts())
        .isEqualTo(6);
    assertThat(RetryPolicy.fixed(Duration.ofSeconds(3), 2).maxAttempts()).isEqualTo(3);
    assertThat(RetryPolicy.fixed(Duration.ofSeconds(3), 2).delay(2))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }

  @Test
  void bad_settings_are_refused_with_the_value() {
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ZERO, 2.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.5");
    assertThatThrownBy(
            () ->
                RetryPolicy.exponential(Duration.ofSeconds(10), 2.0)
                    .maxDelay(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT1S");
    assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).jitter(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> RetryPolicy.fixed(Duration.ofSeconds(1), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void the_text_form_reads_back_to_an_equal_policy() {
    List<RetryPolicy> policies =
        List.of(
            RetryPolicy.none(),
            RetryPolicy.fixed(Duration.ofHours(1), 5),
            RetryPolicy.fixed(Duration.ofMillis(1500), 0),
            RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxDelay(Duration.ofMinutes(5)),
            RetryPolicy.exponential(Duration.ofNanos(1), 1e10).jitter(1e-4).maxRetries(0),
            RetryPolicy.exponential(Duration.ofMillis(250), 1.5)
                .maxDelay(Duration.ofDays(3))
                .jitter(-0.0),
            RetryPolicy.exponential(Duration.ofSeconds(1), Math.nextUp(1.0))
                .jitter(Double.MIN_VALUE));
    for (RetryPolicy policy : policies) {
      assertThat(RetryPolicy.parse(policy.spec())).isEqualTo(policy);
      assertThat(RetryPolicy.parse(policy.spec()).spec()).isEqualTo(policy.spec());
    }
  }

  @Test
  void the_text_form_is_compact_and_names_every_field() {
    assertThat(RetryPolicy.fixed(Duration.ofHours(1), 5).spec())
        .isEqualTo("fixed delay=PT1H retries=5");
    assertThat(RetryPolicy.none().spec()).isEqualTo("fixed delay=PT0S retries=0");
    assertThat(
            RetryPolicy.exponential(Duration.ofSeconds(1), 2.0)
                .maxDelay(Duration.ofMinutes(5))
                .spec())
        .isEqualTo("exponential initial=PT1S multiplier=2.0 max=PT5M retries=5 jitter=0.1");
    assertThat(RetryPolicy.exponential(Duration.ofSeconds(1), 1e10).spec())
        .contains("multiplier=10000000000");
  }

  @Test
  void parsing_takes_plain_decimals_and_any_iso_duration_and_writes_them_canonically() {
    assertThat(
            RetryPolicy.parse("exponential initial=PT1S multiplier=2 max=P1D retries=3 jitter=0")
                .spec())
        .isEqualTo("exponential initial=PT1S multiplier=2.0 max=PT24H retries=3 jitter=0.0");
    assertThat(RetryPolicy.parse("fixed delay=PT90S retries=2"))
        .isEqualTo(RetryPolicy.fixed(Duration.ofSeconds(90), 2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "none",
        "fixed",
        "fixed delay=PT1S",
        "fixed retries=1 delay=PT1S",
        "fixed delay=PT1S retries=1 ",
        " fixed delay=PT1S retries=1",
        "fixed  delay=PT1S retries=1",
        "FIXED delay=PT1S retries=1",
        "fixed delay=PT1S retries=1 retries=2",
        "fixed delay=pt1s retries=1",
        "fixed delay=-PT1S retries=1",
        "fixed delay=PT1,5S retries=1",
        "fixed delay=1s retries=1",
        "fixed delay=PT1S retries=-1",
        "fixed delay=PT1S retries=+1",
        "fixed delay=PT1S retries=1.0",
        "fixed delay=PT1S retries=99999999999",
        "fixed delay=PT-1S retries=1",
        "exponential initial=PT1S multiplier=2.0 max=PT5M retries=5",
        "exponential initial=PT1S multiplier=NaN max=PT5M retries=5 jitter=0.1",
        "exponential initial=PT1S multiplier=1e3 max=PT5M retries=5 jitter=0.1",
        "exponential initial=PT1S multiplier=0x1p1 max=PT5M retries=5 jitter=0.1",
        "exponential initial=PT1S multiplier=0.5 max=PT5M retries=5 jitter=0.1",
        "exponential initial=PT0S multiplier=2.0 max=PT5M retries=5 jitter=0.1",
        "exponential initial=PT1M multiplier=2.0 max=PT5S retries=5 jitter=0.1",
        "exponential initial=PT1S multiplier=2.0 max=PT5M retries=5 jitter=1.5",
        "exponential initial=PT1S multiplier=2.0 max=PT5M retries=5 jitter=.5",
        "fixed delay=PT1S retries=1\n",
      })
  void parsing_is_strict_and_says_why(String spec) {
    String text = spec.replace("\\n", "\n");
    assertThatThrownBy(() -> RetryPolicy.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry policy");
  }

  @Test
  void a_bad_value_is_named_in_the_message() {
    assertThatThrownBy(() -> RetryPolicy.parse("fixed delay=PT1S retries=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fixed delay=PT1S retries=x'")
        .hasMessageContaining("retries must be a whole number");
    assertThatThrownBy(
            () ->
                RetryPolicy.parse(
                    "exponential initial=PT1S multiplier=0.5 max=PT5M retries=5 jitter=0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiplier must be >= 1 but was 0.5");
    assertThatThrownBy(() -> RetryPolicy.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
