package dev.baton.spi;

import java.time.InstantSource;
import java.util.Objects;

/**
 * What the engine hands a backend when it opens it.
 *
 * @param clock the clock to use for run-at times, leases and expiry when the store honours {@link
 *     Capabilities#callerClock()}
 */
public record StoreContext(InstantSource clock) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if the clock is null
   */
  public StoreContext {
    Objects.requireNonNull(clock, "clock");
  }
}
