package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClaimWatchTest {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final ClaimWatch clocked = new ClaimWatch(clock);

  private void tick(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void silence_is_health() {
    assertThat(clocked.problem()).isNull();
  }

  @Test
  void claims_failing_without_a_break_for_over_a_minute_are_down_until_they_stop() {
    for (int i = 0; i < 13; i++) {
      clocked.backgroundError("claim", new IllegalStateException("database is locked"));
      assertThat(clocked.problem()).as("after %s s", i * 5).isNull();
      tick(Duration.ofSeconds(5));
    }
    clocked.backgroundError("claim", new IllegalStateException("database is locked"));
    assertThat(clocked.problem())
        .contains("claiming tasks has failed for 65s")
        .contains("database is locked");
    tick(Duration.ofSeconds(30));
    assertThat(clocked.problem()).as("the errors stopped").isNull();
  }

  @Test
  void a_started_task_ends_the_streak() {
    for (int i = 0; i < 20; i++) {
      clocked.backgroundError("claim", new IllegalStateException("x"));
      tick(Duration.ofSeconds(5));
    }
    clocked.started(null);
    clocked.backgroundError("claim", new IllegalStateException("x"));
    assertThat(clocked.problem()).isNull();
  }

  @Test
  void errors_of_other_loops_do_not_count() {
    for (int i = 0; i < 20; i++) {
      clocked.backgroundError("reap", new IllegalStateException("x"));
      tick(Duration.ofSeconds(5));
    }
    assertThat(clocked.problem()).isNull();
  }
}
