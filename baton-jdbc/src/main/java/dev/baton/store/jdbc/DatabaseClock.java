package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database server's clock, read on this node: a sample of the server's time taken now and then,
 * advanced by this process's monotonic clock in between. Every node of a cluster thus agrees on
 * "now" within half a round trip plus the drift between samples, whatever their wall clocks say, so
 * a skewed node neither reaps a live lease early nor runs a task before its time. A sample costs
 * one query; the store stays on the shared SQL that binds "now" as a parameter.
 */
final class DatabaseClock implements InstantSource {
  private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

  /** How old a sample may grow before the next read refreshes it. */
  static final Duration RESAMPLE = Duration.ofSeconds(10);

  /** Round trips per sample; the shortest counts. */
  static final int SAMPLES = 3;

  private final DataSource pool;
  private final String query;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
  private volatile Sample sample;

  private record Sample(long serverMicros, long localNanos) {}

  DatabaseClock(DataSource pool, String query) throws SQLException {
    this.pool = pool;
    this.query = query;
    this.sample = take();
  }

  @Override
  public Instant instant() {
    Sample current = sample;
    long now = System.nanoTime();
    if (now - current.localNanos() > RESAMPLE.toNanos() && sampling.compareAndSet(false, true)) {
      try {
        sample = current = take();
        now = System.nanoTime();
      } catch (SQLException e) {
        // The database is away; the old sample still keeps time, and the caller's own query is
        // about to report the outage.
        log.debug("Reading the database clock failed; keeping the last sample", e);
      } finally {
        sampling.set(false);
      }
    }
    long micros = current.serverMicros() + (now - current.localNanos()) / 1_000;
    // A new sample may land a few microseconds behind the old one's estimate: never step back.
    return Times.instant(last.accumulateAndGet(micros, Math::max));
  }

  /**
   * The server read its clock somewhere in the round trip, and the sample assumes the middle, so a
   * sample is off by up to half its round trip. A round trip stretched on this side (a cold
   * connection's first query loading classes, a thread descheduled on a loaded machine) would put
   * this node's "now" ahead of the others' by up to half of it, and its reaper would take live
   * leases back early; so the sample is the one with the shortest round trip of a few.
   */
  private Sample take() throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement select = connection.prepareStatement(query)) {
      Sample best = null;
      long bestRoundTrip = Long.MAX_VALUE;
      for (int i = 0; i < SAMPLES; i++) {
        long before = System.nanoTime();
        try (ResultSet row = select.executeQuery()) {
          long after = System.nanoTime();
          row.next();
          if (after - before < bestRoundTrip) {
            bestRoundTrip = after - before;
            best = new Sample(row.getLong(1), before + (after - before) / 2);
          }
        }
      }
      return best;
    }
  }
}
