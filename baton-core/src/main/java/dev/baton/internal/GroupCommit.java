package dev.baton.internal;

import dev.baton.spi.NewTask;
import dev.baton.spi.TaskStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for enqueues: callers that arrive while a write is under way share the next one. One
 * caller at a time leads: it writes every waiting caller's tasks in one {@link TaskStore#enqueue}
 * call (one round trip, one transaction) and hands each caller its own results; then it passes the
 * lead to the first caller still waiting. A lone caller leads at once and writes alone, so nothing
 * waits for a batch to fill: the batch is whatever piled up during the previous write. Each caller
 * still returns only once its own tasks are stored.
 */
final class GroupCommit {
  /** Tasks per shared write; a caller's batch at or above it is written on its own. */
  static final int MAX_TASKS = 512;

  /** One caller's tasks, and what became of them. */
  private static final class Caller {
    final List<NewTask> tasks;
    final Thread thread = Thread.currentThread();
    volatile boolean leads;
    volatile boolean finished;
    List<Boolean> created;
    RuntimeException failure;

    Caller(List<NewTask> tasks) {
      this.tasks = tasks;
    }

    void finish(List<Boolean> created, RuntimeException failure) {
      this.created = created;
      this.failure = failure;
      finished = true;
      LockSupport.unpark(thread);
    }

    void lead() {
      leads = true;
      LockSupport.unpark(thread);
    }
  }

  private final TaskStore store;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Caller> waiting = new ArrayDeque<>();
  private boolean writing;

  GroupCommit(TaskStore store) {
    this.store = store;
  }

  /**
   * Stores the tasks, alone or with other callers' in one write.
   *
   * @return per task, whether it was created (false: its id existed)
   * @throws RuntimeException whatever the store threw for these tasks
   */
  List<Boolean> enqueue(List<NewTask> tasks) {
    if (tasks.size() >= MAX_TASKS) {
      return store.enqueue(tasks);
    }
    Caller me = new Caller(tasks);
    lock.lock();
    try {
      waiting.add(me);
      if (!writing) {
        writing = true;
        me.leads = true;
      }
    } finally {
      lock.unlock();
    }
    // Not interruptible: the write that holds these tasks may be under way and cannot be undone.
    while (!me.leads && !me.finished) {
      LockSupport.park(this);
    }
    if (!me.finished) {
      write(take());
      handOn();
    }
    if (me.failure != null) {
      throw me.failure;
    }
    return me.created;
  }

  /**
   * The next group, in arrival order: the waiting callers up to {@link #MAX_TASKS}, leaving behind
   * one whose id is already in the group, so that a second enqueue of one id sees the first stored.
   */
  private List<Caller> take() {
    List<Caller> group = new ArrayList<>();
    List<Caller> later = List.of();
    Set<String> ids = null;
    int size = 0;
    lock.lock();
    try {
      for (Caller next; (next = waiting.peek()) != null; ) {
        if (size > 0 && size + next.tasks.size() > MAX_TASKS) {
          break;
        }
        waiting.poll();
        if (ids == null && !group.isEmpty()) {
          // Only a group of two or more callers can hold one id twice: a lone caller pays nothing.
          ids = new HashSet<>();
          claimIds(group.get(0), ids);
        }
        if (ids == null || claimIds(next, ids)) {
          group.add(next);
          size += next.tasks.size();
        } else {
          (later.isEmpty() ? later = new ArrayList<>() : later).add(next);
        }
      }
      for (int i = later.size() - 1; i >= 0; i--) {
        waiting.addFirst(later.get(i));
      }
    } finally {
      lock.unlock();
    }
    return group;
  }

  /** Adds the caller's ids to the group's, unless one is there already. */
  private static boolean claimIds(Caller caller, Set<String> ids) {
    for (NewTask task : caller.tasks) {
      if (ids.contains(task.id().value())) {
        return false;
      }
    }
    for (NewTask task : caller.tasks) {
      ids.add(task.id().value());
    }
    return true;
  }

  private void write(List<Caller> group) {
    if (group.size() == 1) {
      writeAlone(group.get(0));
      return;
    }
    List<NewTask> all = new ArrayList<>();
    group.forEach(c -> all.addAll(c.tasks));
    List<Boolean> created;
    try {
      created = store.enqueue(all);
    } catch (RuntimeException e) {
      // One caller's tasks may be what the store refused: each caller gets its own answer. On SQL
      // the failed group's transaction stored nothing; where a write is not all or nothing, a task
      // stored before the failure reads as existing when written again, so none is stored twice.
      group.forEach(this::writeAlone);
      return;
    }
    int from = 0;
    for (Caller caller : group) {
      int to = from + caller.tasks.size();
      caller.finish(created.subList(from, to), null);
      from = to;
    }
  }

  private void writeAlone(Caller caller) {
    try {
      caller.finish(store.enqueue(caller.tasks), null);
    } catch (RuntimeException e) {
      caller.finish(null, e);
    }
  }

  /** Callers waiting for a write, the one leading included until its group is taken. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** Passes the lead to the first caller waiting, or ends the writing if none is. */
  private void handOn() {
    Caller next;
    lock.lock();
    try {
      next = waiting.peek();
      if (next == null) {
        writing = false;
        return;
      }
    } finally {
      lock.unlock();
    }
    next.lead();
  }
}
