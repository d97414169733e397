package dev.baton.server.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the HTTP worker protocol ({@code /api/v1/workers}, docs/workers.md): its timing,
 * and the task types remote workers run.
 *
 * @param heartbeatInterval how often a remote worker sends its heartbeat, at least 10 ms
 * @param missedHeartbeats how many heartbeats in a row it may miss before its tasks go back to
 *     their queues and its registration is dropped, at least 1
 * @param maxWait the longest one fetch may wait for a task, zero or more
 * @param lease the lease each heartbeat renews a fetched task's to, at least 1 s
 * @param drainGrace how long a closing server keeps answering remote workers ({@code quiet}) while
 *     they settle the tasks they hold; those still held then are released
 * @param types task types that remote workers run, which {@code POST /tasks} accepts (with any JSON
 *     payload) before any worker has registered them; a type a worker registers is accepted too
 */
public record WorkerProtocol(
    Duration heartbeatInterval,
    int missedHeartbeats,
    Duration maxWait,
    Duration lease,
    Duration drainGrace,
    List<String> types) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a field is out of its range
   */
  public WorkerProtocol {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(drainGrace, "drainGrace");
    types = types == null ? List.of() : List.copyOf(types);
    if (heartbeatInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException(
          "heartbeatInterval must be at least 10ms but was " + heartbeatInterval);
    }
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException(
          "missedHeartbeats must be at least 1 but was " + missedHeartbeats);
    }
    if (maxWait.isNegative() || drainGrace.isNegative()) {
      throw new IllegalArgumentException("maxWait and drainGrace must not be negative");
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least 1s but was " + lease);
    }
  }

  /**
   * The defaults: heartbeats every 10 s, 3 may be missed, fetches wait up to 30 s, leases of 30 s,
   * no drain, no types declared ahead of their workers.
   *
   * @return the defaults
   */
  public static WorkerProtocol defaults() {
    return new WorkerProtocol(
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(30),
        dev.baton.BatonBuilder.DEFAULT_LEASE,
        Duration.ZERO,
        List.of());
  }

  /** How long a worker may stay silent before it is taken for dead. */
  Duration silence() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }
}
