package dev.baton.bench.peers;

import dev.baton.bench.Latencies;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts starts and ends of a peer's no-op tasks and keeps enqueue-to-start samples. */
final class Recorder {
  private final Latencies latencies;
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile long lastDoneNanos;

  Recorder(int samples) {
    this.latencies = new Latencies(samples);
  }

  /** A handler started; {@code stamp} is the enqueue's nanoTime, or 0 when not sampled. */
  void started(int n, long stamp) {
    if (stamp != 0) {
      latencies.record(n, System.nanoTime() - stamp);
    }
    started.incrementAndGet();
  }

  /** A task is done as the peer defines it (stored as complete). */
  void done() {
    lastDoneNanos = System.nanoTime();
    done.incrementAndGet();
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  long doneCount() {
    return done.get();
  }

  long lastDoneNanos() {
    return lastDoneNanos;
  }

  Latencies latencies() {
    return latencies;
  }

  /** Waits until {@code count} tasks are done; throws when {@code timeout} passes first. */
  void awaitDone(long count, Duration timeout, String peer) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (done.get() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              peer + ": only " + done.get() + " of " + count + " tasks were done after " + timeout);
        }
        changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(peer + ": interrupted", e);
    } finally {
      lock.unlock();
    }
  }
}
