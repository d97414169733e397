package dev.baton.server;

import dev.baton.TaskRecord;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Liveness from the claim loop's own reports: down once claims have failed without a break for
 * longer than a limit and no task started meanwhile. A healthy idle loop reports nothing, so
 * silence is health; a failing loop reports at least every five seconds (its longest backoff).
 */
final class ClaimWatch implements TaskListener {
  static final Duration LIMIT = Duration.ofMinutes(1);
  private static final Duration GAP = Duration.ofSeconds(15);

  private final InstantSource clock;
  private Instant streakStart;
  private Instant lastError;
  private String lastMessage;

  ClaimWatch(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void backgroundError(String where, Throwable error) {
    if (!where.equals("claim")) {
      return;
    }
    Instant now = clock.instant();
    if (lastError == null || Duration.between(lastError, now).compareTo(GAP) > 0) {
      streakStart = now;
    }
    lastError = now;
    lastMessage = String.valueOf(error.getMessage());
  }

  @Override
  public synchronized void started(TaskRecord task) {
    lastError = null;
    streakStart = null;
  }

  /** Null when live, else why not. */
  synchronized String problem() {
    Instant now = clock.instant();
    if (lastError == null || Duration.between(lastError, now).compareTo(GAP) > 0) {
      return null;
    }
    Duration failing = Duration.between(streakStart, now);
    return failing.compareTo(LIMIT) > 0
        ? "claiming tasks has failed for " + failing.toSeconds() + "s: " + lastMessage
        : null;
  }
}
