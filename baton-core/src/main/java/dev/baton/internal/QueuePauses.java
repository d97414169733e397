package dev.baton.internal;

import dev.baton.spi.KvStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Paused queues, kept in the backend's key-value store so that every node sees them: one reserved
 * key per paused queue, so two nodes pausing different queues at once never overwrite each other.
 * Each node reads the list at most once per {@link #REFRESH} of its clock; a change made on this
 * node is seen here at once.
 */
final class QueuePauses {
  static final String RESERVED = dev.baton.KeyValueStore.RESERVED_PREFIX;

  static final String PREFIX = RESERVED + "paused/";

  /** How stale another node's pause or resume may be here. */
  static final Duration REFRESH = Duration.ofSeconds(1);

  private final KvStore kv;
  private final InstantSource clock;
  private volatile Set<String> paused = Set.of();
  private volatile Instant readAt;

  /** With {@code kv} null (a backend without a key-value store) no queue is ever paused. */
  QueuePauses(KvStore kv, InstantSource clock) {
    this.kv = kv;
    this.clock = clock;
  }

  /**
   * The paused queues, read again from the backend when the last read is older than the refresh.
   */
  Set<String> paused() {
    if (kv == null) {
      return Set.of();
    }
    Instant now = clock.instant();
    Instant last = readAt;
    if (last == null || !now.isBefore(last.plus(REFRESH)) || now.isBefore(last)) {
      List<String> keys = kv.keys(PREFIX);
      Set<String> queues = new LinkedHashSet<>();
      for (String key : keys) {
        queues.add(key.substring(PREFIX.length()));
      }
      paused = Set.copyOf(queues);
      readAt = now;
    }
    return paused;
  }

  /** Pauses a queue; true if it was not paused before. */
  boolean pause(String queue) {
    KvStore store = require();
    boolean was = store.get(PREFIX + queue).isPresent();
    store.set(PREFIX + queue, "{\"pausedAt\":\"" + clock.instant() + "\"}", null);
    readAt = null;
    return !was;
  }

  /** Resumes a queue; true if it was paused. */
  boolean resume(String queue) {
    boolean was = require().delete(PREFIX + queue);
    readAt = null;
    return was;
  }

  private KvStore require() {
    if (kv == null) {
      throw new UnsupportedOperationException(
          "this backend has no key-value store, where paused queues are kept");
    }
    return kv;
  }
}
