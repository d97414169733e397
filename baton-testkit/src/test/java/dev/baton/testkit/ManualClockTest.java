package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  @Test
  void starts_at_the_default_instant_and_stays_there() {
    ManualClock clock = new ManualClock();

    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
    assertThat(clock.millis()).isEqualTo(ManualClock.DEFAULT_START.toEpochMilli());
  }

  @Test
  void advance_and_set_move_the_reading_and_notify_listeners_after_the_change() {
    ManualClock clock = new ManualClock(Instant.parse("2030-06-01T12:00:00Z"));
    List<Instant> heard = new CopyOnWriteArrayList<>();
    clock.onAdjust(() -> heard.add(clock.instant()));

    assertThat(clock.advance(Duration.ofSeconds(90)))
        .isEqualTo(Instant.parse("2030-06-01T12:01:30Z"));
    clock.set(Instant.parse("2030-01-01T00:00:00Z"));

    assertThat(heard)
        .containsExactly(
            Instant.parse("2030-06-01T12:01:30Z"), Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void advance_refuses_to_go_backwards() {
    ManualClock clock = new ManualClock();

    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-0.001S");
    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START);
  }

  @Test
  void concurrent_advances_are_never_lost() throws Exception {
    ManualClock clock = new ManualClock();
    AtomicInteger notified = new AtomicInteger();
    clock.onAdjust(notified::incrementAndGet);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4_000; i++) {
      pool.execute(() -> clock.advance(Duration.ofMillis(1)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(4));
    assertThat(notified.get()).isEqualTo(4_000);
  }
}
