package dev.baton.internal;

import dev.baton.TaskRecord;
import dev.baton.spi.Lease;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One claimed task from claim to settlement. Interrupts go through here so that an interrupt meant
 * for this run can never hit the worker thread after it moved on to the next task.
 */
final class Run {
  enum Stop {
    TIMEOUT,
    CANCELED,
    LEASE_LOST,
    SHUTDOWN
  }

  final TaskRecord task;
  final Lease lease;
  private final ReentrantLock lock = new ReentrantLock();
  private Thread thread;
  private boolean done;
  private Stop stop;
  private volatile boolean settled;

  Run(TaskRecord task) {
    this.task = task;
    this.lease = new Lease(task.id(), task.leaseToken());
  }

  /** Binds the run to the current thread; false if it was stopped before it started. */
  boolean begin() {
    lock.lock();
    try {
      if (stop != null) {
        done = true;
        return false;
      }
      thread = Thread.currentThread();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Asks the run to stop; the first reason wins. Returns true if this call set the reason. */
  boolean stop(Stop reason) {
    lock.lock();
    try {
      if (done || stop != null) {
        return false;
      }
      stop = reason;
      if (thread != null) {
        thread.interrupt();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the handler part; clears any interrupt meant for this run. Returns the stop reason. */
  Stop end() {
    lock.lock();
    try {
      done = true;
      thread = null;
      Thread.interrupted();
      return stop;
    } finally {
      lock.unlock();
    }
  }

  Stop stopReason() {
    lock.lock();
    try {
      return stop;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the settlement handed over; returns false if someone already did. */
  boolean markSettled() {
    synchronized (this) {
      if (settled) {
        return false;
      }
      settled = true;
      return true;
    }
  }
}
