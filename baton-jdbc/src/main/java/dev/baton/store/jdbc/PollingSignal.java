package dev.baton.store.jdbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Cross-node wake-ups where the database cannot send them (MariaDB, MySQL): a thread wakes this
 * process's idle workers now and then so that they look for tasks other nodes enqueued. The gap
 * adapts: {@link #MIN_GAP} while tasks keep turning up (a claim here found some, or this process
 * just made some ready, so the system is busy), then doubling on each quiet poll up to {@link
 * #MAX_GAP}. An idle node thus costs the database a few empty claims a second, and a busy one sees
 * other nodes' work within milliseconds. Wake-ups from this process's own commits go straight to
 * its listeners, as everywhere; the engine's own poll interval remains the last resort.
 */
final class PollingSignal implements Signal {
  static final Duration MIN_GAP = Duration.ofMillis(2);
  static final Duration MAX_GAP = Duration.ofMillis(250);

  private final Runnable wakeHere;
  private final Thread poller;
  private final AtomicLong gapNanos = new AtomicLong(MAX_GAP.toNanos());
  private volatile boolean closed;

  PollingSignal(Runnable wakeHere) {
    this.wakeHere = wakeHere;
    this.poller = Thread.ofPlatform().daemon().name("baton-poll").start(this::poll);
  }

  /** This process made tasks ready: work is about, so poll often for a while. */
  @Override
  public void publish() {
    busy();
  }

  @Override
  public void claimed(int count) {
    if (count > 0) {
      busy();
    }
  }

  private void busy() {
    if (gapNanos.getAndSet(MIN_GAP.toNanos()) != MIN_GAP.toNanos()) {
      // Cut a long wait short: the next poll comes at the short gap, not at the end of the old one.
      LockSupport.unpark(poller);
    }
  }

  /** The gap before the next poll; for tests. */
  Duration gap() {
    return Duration.ofNanos(gapNanos.get());
  }

  private void poll() {
    while (!closed) {
      long gap = gapNanos.get();
      LockSupport.parkNanos(this, gap);
      if (closed) {
        return;
      }
      wakeHere.run();
      // Unless work turned up meanwhile (the gap was set back to the minimum), wait longer next
      // time; a claim this wake-up causes that finds work sets it back again.
      gapNanos.compareAndSet(gap, Math.min(MAX_GAP.toNanos(), gap * 2));
    }
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(poller);
  }
}
