package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting in tests: on conditions and latches, never on {@code Thread.sleep}. Conditions are polled
 * every {@link #POLL_INTERVAL} from the start, so a test waits about as long as the behaviour
 * takes, and gives up after {@link #TIMEOUT}, long enough for a loaded CI machine.
 *
 * <pre>{@code
 * Awaits.await().untilAsserted(() -> assertThat(store.get(id)).hasValueSatisfying(...));
 * Awaits.await(started, "the handler to start");
 * }</pre>
 */
public final class Awaits {
  /** How often a condition is checked. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(5);

  /** How long a condition or latch may take before the test fails. */
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Awaits() {}

  /**
   * Starts an Awaitility condition with the suite's poll interval and timeout.
   *
   * @return the condition factory; finish it with {@code until(...)} or {@code untilAsserted(...)}
   */
  public static ConditionFactory await() {
    return await(TIMEOUT);
  }

  /**
   * Starts an Awaitility condition with the suite's poll interval and a given timeout.
   *
   * @param atMost how long to wait before failing
   * @return the condition factory
   * @throws NullPointerException if atMost is null
   */
  public static ConditionFactory await(Duration atMost) {
    return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL).atMost(atMost);
  }

  /**
   * Waits for a latch to open, failing the test if it does not within {@link #TIMEOUT}.
   *
   * @param latch the latch
   * @param what what the latch stands for, for the failure message, e.g. "the handler to start"
   * @throws AssertionError if the latch is still closed after the timeout
   * @throws IllegalStateException if the waiting thread is interrupted (its flag is kept)
   */
  public static void await(CountDownLatch latch, String what) {
    try {
      assertThat(latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("waited %s for %s", TIMEOUT, what)
          .isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
