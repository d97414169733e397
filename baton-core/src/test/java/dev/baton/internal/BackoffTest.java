package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(backoff.failed()).isEqualTo(Backoff.MAX_MILLIS);
    backoff.succeeded();
    assertThat(backoff.failed()).isEqualTo(Backoff.FIRST_MILLIS);
  }
}
