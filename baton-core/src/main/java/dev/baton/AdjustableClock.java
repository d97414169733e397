package dev.baton;

import java.time.InstantSource;

/**
 * A clock that can jump, such as a test's manual clock. The engine sleeps until due times in real
 * time; when its clock is adjustable it also wakes whenever the clock is adjusted, so that tests
 * move time forward instead of sleeping.
 */
public interface AdjustableClock extends InstantSource {
  /**
   * Registers a callback to run after every adjustment.
   *
   * @param listener the callback; must return quickly
   */
  void onAdjust(Runnable listener);
}
