package dev.baton.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Claimed runs waiting for a worker, and the idle workers waiting for a run.
 *
 * <p>Workers pull: one that finishes a run takes the next itself, so a busy node hands tasks over
 * without parking and unparking a thread per task (a blocking queue with every worker parked in
 * {@code take} cost one of each per task). An idle worker is woken only when runs wait and no awake
 * worker is looking for one; a worker that takes a run while more wait and nobody else is looking
 * wakes the next. So when handlers block, every waiting run still gets a worker of its own, one
 * wake-up after another, and the engine's bound of {@code workers} handlers at once is unchanged:
 * the dispatcher claims no more runs than there are free workers.
 */
final class RunQueue {
  /** A worker's parking spot, one per worker thread, reused across waits. */
  static final class Sleeper {
    private final Thread thread = Thread.currentThread();
    private volatile boolean woken;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Run> runs = new ArrayDeque<>();
  private final ArrayDeque<Sleeper> idle = new ArrayDeque<>();
  private final Runnable onIdle;

  /** Workers woken that have not looked at {@link #runs} yet: each will before it sleeps again. */
  private int searching;

  // onIdle runs when a worker found nothing and is about to sleep, so that the dispatcher claims.
  RunQueue(Runnable onIdle) {
    this.onIdle = onIdle;
  }

  void addAll(List<Run> batch) {
    if (batch.isEmpty()) {
      // Waking a worker for nothing makes it go idle again and ask the dispatcher to claim: a
      // claim loop that never sleeps.
      return;
    }
    Sleeper wake;
    lock.lock();
    try {
      runs.addAll(batch);
      wake = searching == 0 ? wakeOne() : null;
    } finally {
      lock.unlock();
    }
    unpark(wake);
  }

  /** Whether runs wait for a worker. */
  boolean hasWaiting() {
    lock.lock();
    try {
      return !runs.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next run for the calling worker, waiting while there is none.
   *
   * @return the run, or null when the worker was interrupted while idle: the engine is stopping
   */
  Run take(Sleeper me) {
    boolean woken = false;
    while (true) {
      Run run;
      Sleeper wake = null;
      lock.lock();
      try {
        if (woken) {
          searching--;
        }
        run = runs.poll();
        if (run != null) {
          if (!runs.isEmpty() && searching == 0) {
            wake = wakeOne();
          }
        } else {
          idle.addLast(me);
        }
      } finally {
        lock.unlock();
      }
      if (run != null) {
        unpark(wake);
        return run;
      }
      onIdle.run();
      if (!sleep(me)) {
        return null;
      }
      woken = true;
    }
  }

  /** Removes and returns the runs no worker took. */
  List<Run> drain() {
    lock.lock();
    try {
      List<Run> left = new ArrayList<>(runs);
      runs.clear();
      return left;
    } finally {
      lock.unlock();
    }
  }

  private Sleeper wakeOne() {
    Sleeper sleeper = idle.pollLast();
    if (sleeper != null) {
      sleeper.woken = true;
      searching++;
    }
    return sleeper;
  }

  private static void unpark(Sleeper sleeper) {
    if (sleeper != null) {
      LockSupport.unpark(sleeper.thread);
    }
  }

  /** Parks until woken; false if interrupted first. */
  private boolean sleep(Sleeper me) {
    while (!me.woken) {
      LockSupport.park(this);
      if (Thread.currentThread().isInterrupted()) {
        lock.lock();
        try {
          if (me.woken) {
            searching--;
          } else {
            idle.remove(me);
          }
        } finally {
          lock.unlock();
        }
        return false;
      }
    }
    me.woken = false;
    return true;
  }
}
