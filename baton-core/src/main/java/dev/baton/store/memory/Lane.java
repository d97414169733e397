package dev.baton.store.memory;

import dev.baton.TaskStatus;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The waiting tasks of one type in one queue: the ready ones in claim order (priority, run-at,
 * sequence) and a delay heap per priority ordered by run-at. Keyed by type as well as queue so that
 * a node skips types it cannot run without popping them.
 *
 * <p>A delayed task that comes due stays in its heap: a claim compares each priority's due head
 * with the ready tasks and takes the best, so the first claim after many tasks came due at one
 * instant pops one node, not all of them. Within a priority, a due head is the earliest delayed
 * task, so the best of the heads and the ready tasks is the best waiting task.
 */
final class Lane {
  /** A queue slot. Keys are copied in so that later changes to the entry cannot break the order. */
  record Node(StoredTask entry, long generation, int priority, Instant runAt, long sequence) {
    boolean stale() {
      return generation != entry.generation || !entry.waiting();
    }
  }

  final String queue;
  final String type;
  final long[] counts = new long[TaskStatus.values().length];
  private final ReadyTasks ready = new ReadyTasks();

  @SuppressWarnings("unchecked")
  private final PriorityQueue<Node>[] delayed = new PriorityQueue[ReadyTasks.PRIORITIES];

  /** Bit p set when delayed[p] may hold nodes (possibly stale ones). */
  private int delayedFilled;

  /**
   * Delayed tasks with a priority outside 0-10 (from a caller of the SPI): moved to the ready tasks
   * as they come due, since their heads alone do not tell the best.
   */
  private final PriorityQueue<Node> delayedOther = new PriorityQueue<>(Lane::compareDue);

  Lane(String queue, String type) {
    this.queue = queue;
    this.type = type;
  }

  /** Claim order: higher priority, then earlier run-at, then lower sequence. */
  static int compareReady(Node a, Node b) {
    return a.priority != b.priority ? Integer.compare(b.priority, a.priority) : compareDue(a, b);
  }

  /** Run-at, then sequence. */
  static int compareDue(Node a, Node b) {
    int byRunAt = a.runAt.compareTo(b.runAt);
    return byRunAt != 0 ? byRunAt : Long.compare(a.sequence, b.sequence);
  }

  void add(StoredTask entry, Instant now) {
    Node node = new Node(entry, ++entry.generation, entry.priority, entry.runAt, entry.sequence);
    if (!entry.runAt.isAfter(now)) {
      ready.add(node);
    } else if (node.priority < 0 || node.priority >= ReadyTasks.PRIORITIES) {
      delayedOther.add(node);
    } else {
      PriorityQueue<Node> heap = delayed[node.priority];
      if (heap == null) {
        heap = delayed[node.priority] = new PriorityQueue<>(Lane::compareDue);
      }
      heap.add(node);
      delayedFilled |= 1 << node.priority;
    }
  }

  /** The best entry that is due, or null. */
  Node peekReady(Instant now) {
    Node due;
    while ((due = delayedOther.peek()) != null && (due.stale() || !due.runAt().isAfter(now))) {
      delayedOther.poll();
      if (!due.stale()) {
        ready.add(due);
      }
    }
    Node best = ready.peek();
    for (int bits = delayedFilled; bits != 0; ) {
      int priority = 31 - Integer.numberOfLeadingZeros(bits);
      bits &= ~(1 << priority);
      if (best != null && best.priority > priority) {
        break;
      }
      Node head = ReadyTasks.freshHead(delayed[priority]);
      if (head == null) {
        delayedFilled &= ~(1 << priority);
      } else if (!head.runAt().isAfter(now) && (best == null || compareReady(head, best) < 0)) {
        best = head;
      }
    }
    return best;
  }

  /** Removes the node {@link #peekReady} just returned. */
  void removeReady(Node node) {
    PriorityQueue<Node> heap =
        node.priority >= 0 && node.priority < ReadyTasks.PRIORITIES ? delayed[node.priority] : null;
    if (heap != null && heap.peek() == node) {
      heap.poll();
    } else {
      ready.remove(node);
    }
  }

  /** The earliest run-at of any waiting entry, or null. */
  Instant nextRunAt(Instant now) {
    Instant earliest = peekReady(now) != null ? ready.earliestRunAt() : null;
    Node other = ReadyTasks.freshHead(delayedOther);
    if (other != null && (earliest == null || other.runAt().isBefore(earliest))) {
      earliest = other.runAt();
    }
    for (int bits = delayedFilled; bits != 0; bits &= bits - 1) {
      Node head = ReadyTasks.freshHead(delayed[Integer.numberOfTrailingZeros(bits)]);
      if (head != null && (earliest == null || head.runAt().isBefore(earliest))) {
        earliest = head.runAt();
      }
    }
    return earliest;
  }

  /**
   * The QUEUED entries whose run-at is after {@code now}. Walks the delay heaps, so it costs as
   * many steps as there are delayed tasks; counts are read by people and scrapes, not by claims.
   */
  long scheduled(Instant now) {
    long n = countScheduled(delayedOther, now);
    for (int bits = delayedFilled; bits != 0; bits &= bits - 1) {
      n += countScheduled(delayed[Integer.numberOfTrailingZeros(bits)], now);
    }
    return n;
  }

  private static long countScheduled(PriorityQueue<Node> heap, Instant now) {
    long n = 0;
    if (heap != null) {
      for (Node node : heap) {
        if (!node.stale()
            && node.entry().status == TaskStatus.QUEUED
            && node.runAt().isAfter(now)) {
          n++;
        }
      }
    }
    return n;
  }

  void count(TaskStatus from, TaskStatus to) {
    if (from != null) {
      counts[from.ordinal()]--;
    }
    if (to != null) {
      counts[to.ordinal()]++;
    }
  }
}
