package dev.baton.testkit;

import dev.baton.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so that delays, backoffs, leases and expiry are
 * tested without sleeping. Hand it to a store (through {@link dev.baton.spi.StoreContext} or a
 * constructor) and to {@link dev.baton.BatonBuilder#clock}; because it is an {@link
 * AdjustableClock}, an engine wakes up whenever it is adjusted and claims whatever became due.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * baton.enqueue(REPORT, report, Enqueue.options().delay(Duration.ofMinutes(5)));
 * clock.advance(Duration.ofMinutes(5));   // the task is due now and runs
 * }</pre>
 *
 * <p>Thread-safe. Listeners run on the thread that adjusts the clock, after the change, in the
 * order they were added.
 */
public final class ManualClock implements AdjustableClock {
  /**
   * Where {@link #ManualClock()} starts: 2024-01-01T00:00:00Z. Whole seconds, so that backends that
   * store milliseconds read instants back unchanged; in the past, so that a backend on its own
   * clock also treats run-at times near it as due.
   */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Makes a clock that reads {@link #DEFAULT_START}. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /**
   * Makes a clock that reads {@code start} until it is moved.
   *
   * @param start the first reading
   * @throws NullPointerException if start is null
   */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /**
   * The current reading.
   *
   * @return the instant the clock was last set or advanced to
   */
  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward, then notifies the listeners.
   *
   * @param by how far, zero or more
   * @return the new reading
   * @throws NullPointerException if by is null
   * @throws IllegalArgumentException if by is negative
   */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward, but by was " + by);
    }
    Instant reading = now.updateAndGet(current -> current.plus(by));
    notifyListeners();
    return reading;
  }

  /**
   * Sets the clock to an instant, forward or back, then notifies the listeners.
   *
   * @param to the new reading
   * @throws NullPointerException if to is null
   */
  public void set(Instant to) {
    now.set(Objects.requireNonNull(to, "to"));
    notifyListeners();
  }

  /**
   * Registers a callback to run after every {@link #advance} and {@link #set}.
   *
   * @param listener the callback; must return quickly
   * @throws NullPointerException if listener is null
   */
  @Override
  public void onAdjust(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void notifyListeners() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
