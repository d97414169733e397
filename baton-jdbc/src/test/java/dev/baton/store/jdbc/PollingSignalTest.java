package dev.baton.store.jdbc;

import static dev.baton.testkit.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingSignalTest {

  @Test
  void polls_back_off_while_nothing_turns_up_and_come_back_when_a_claim_finds_work() {
    AtomicInteger wakes = new AtomicInteger();
    try (PollingSignal signal = new PollingSignal(wakes::incrementAndGet)) {
      signal.claimed(3);
      // The poller may have doubled the gap once or twice by now; never back to the longest.
      assertThat(signal.gap()).isLessThan(PollingSignal.MAX_GAP);
      await().until(() -> wakes.get() >= 3);
      await().until(() -> signal.gap().equals(PollingSignal.MAX_GAP));

      signal.claimed(0);
      assertThat(signal.gap()).as("an empty claim is no news").isEqualTo(PollingSignal.MAX_GAP);
      signal.claimed(1);
      assertThat(signal.gap()).isLessThan(PollingSignal.MAX_GAP);
    }
  }

  @Test
  void this_process_making_tasks_ready_shortens_the_gap_and_wakes_soon() {
    AtomicInteger wakes = new AtomicInteger();
    try (PollingSignal signal = new PollingSignal(wakes::incrementAndGet)) {
      assertThat(signal.gap()).as("starts idle").isEqualTo(PollingSignal.MAX_GAP);
      signal.publish();
      assertThat(signal.gap()).isLessThan(PollingSignal.MAX_GAP);
      await().until(() -> wakes.get() >= 1);
    }
  }
}
