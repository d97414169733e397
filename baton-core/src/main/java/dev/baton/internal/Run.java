package dev.baton.internal;

import dev.baton.TaskRecord;
import dev.baton.spi.Lease;

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
  // Guarded by this: held only for a few field writes and an interrupt, never while blocking, so
  // a monitor is enough and saves a lock object per task.
  private Thread thread;
  private boolean done;
  private Stop stop;
  private boolean settled;

  Run(TaskRecord task) {
    this.task = task;
    this.lease = new Lease(task.id(), task.leaseToken());
  }

  /** Binds the run to the current thread; false if it was stopped before it started. */
  synchronized boolean begin() {
    if (stop != null) {
      done = true;
      return false;
    }
    thread = Thread.currentThread();
    return true;
  }

  /** Asks the run to stop; the first reason wins. Returns true if this call set the reason. */
  synchronized boolean stop(Stop reason) {
    if (done || stop != null) {
      return false;
    }
    stop = reason;
    if (thread != null) {
      thread.interrupt();
    }
    return true;
  }

  /** Ends the handler part; clears any interrupt meant for this run. Returns the stop reason. */
  synchronized Stop end() {
    done = true;
    thread = null;
    // Thread.interrupted() on a virtual thread takes a lock even when nothing is set (4 % of a
    // drain profile); reading the flag first is the same check without that cost.
    if (Thread.currentThread().isInterrupted()) {
      Thread.interrupted();
    }
    return stop;
  }

  synchronized Stop stopReason() {
    return stop;
  }

  /** Marks the settlement handed over; returns false if someone already did. */
  synchronized boolean markSettled() {
    if (settled) {
      return false;
    }
    settled = true;
    return true;
  }
}
