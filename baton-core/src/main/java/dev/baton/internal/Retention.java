package dev.baton.internal;

import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished tasks older than the retention. Runs on the timer; deletes in chunks so that no
 * single store call holds the memory store's lock or SQLite's write lock for long, and enqueues,
 * claims and settlements go on in between.
 */
final class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  static final int CHUNK = 1_000;

  private final TaskStore store;
  private final Duration retention;
  private final InstantSource clock;
  private final Listeners listeners;

  Retention(TaskStore store, Duration retention, InstantSource clock, Listeners listeners) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.listeners = listeners;
  }

  void purge() {
    try {
      Instant now = clock.instant();
      // A retention that reaches back past the epoch keeps everything (and would overflow).
      if (retention.compareTo(Duration.between(Instant.EPOCH, now)) >= 0) {
        return;
      }
      Instant cutoff = now.minus(retention);
      long total = 0;
      int purged;
      do {
        purged = store.purge(cutoff, CHUNK);
        total += purged;
      } while (purged == CHUNK && !Thread.currentThread().isInterrupted());
      if (total > 0) {
        log.debug("Deleted {} tasks finished before {}", total, cutoff);
      }
    } catch (RuntimeException e) {
      log.warn("Deleting finished tasks failed; will try again", e);
      listeners.backgroundError("purge", e);
    }
  }
}
