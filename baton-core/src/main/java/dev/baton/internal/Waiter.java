package dev.baton.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks one thread until it is signalled or a timeout passes. A signal that arrives while the
 * thread is busy is remembered, so no wake-up is lost between "found nothing" and "wait".
 */
final class Waiter {
  private final AtomicBoolean signalled = new AtomicBoolean();
  private volatile Thread waiter;

  void signal() {
    if (!signalled.getAndSet(true)) {
      Thread thread = waiter;
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  /** Returns true if signalled, false on timeout or spurious wake-up. */
  boolean await(long nanos) {
    if (signalled.getAndSet(false)) {
      return true;
    }
    if (nanos <= 0) {
      return false;
    }
    waiter = Thread.currentThread();
    try {
      if (!signalled.get()) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      waiter = null;
    }
    return signalled.getAndSet(false);
  }
}
