package dev.baton.internal;

/**
 * The delay of a background loop after a failed pass: 100 ms, doubling while passes keep failing,
 * capped at 5 s, and back to nothing after a pass that succeeds. Owned by one thread.
 */
final class Backoff {
  static final long FIRST_MILLIS = 100;
  static final long MAX_MILLIS = 5_000;

  private long millis;

  /** Records a failed pass; returns how long to wait before the next one, in milliseconds. */
  long failed() {
    millis = Math.min(Math.max(FIRST_MILLIS, millis * 2), MAX_MILLIS);
    return millis;
  }

  /** Records a pass that went through. */
  void succeeded() {
    millis = 0;
  }
}
