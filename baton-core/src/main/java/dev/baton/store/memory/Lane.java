package dev.baton.store.memory;

import dev.baton.TaskStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The waiting tasks of one type in one queue: a ready heap ordered by priority, run-at and
 * sequence, and a delay heap ordered by run-at. Keyed by type as well as queue so that a node
 * skips types it cannot run without popping them.
 */
final class Lane {
  /** A heap slot. Keys are copied in so that later changes to the entry cannot break heap order. */
  record Node(Entry entry, long generation, int priority, Instant runAt, long sequence) {
    boolean stale() {
      return generation != entry.generation || !entry.waiting();
    }
  }

  static final Comparator<Node> READY_ORDER =
      Comparator.comparingInt((Node n) -> -n.priority)
          .thenComparing(Node::runAt)
          .thenComparingLong(Node::sequence);
  static final Comparator<Node> DUE_ORDER =
      Comparator.comparing(Node::runAt).thenComparingLong(Node::sequence);

  final String queue;
  final String type;
  final long[] counts = new long[TaskStatus.values().length];
  private final PriorityQueue<Node> ready = new PriorityQueue<>(READY_ORDER);
  private final PriorityQueue<Node> delayed = new PriorityQueue<>(DUE_ORDER);

  Lane(String queue, String type) {
    this.queue = queue;
    this.type = type;
  }

  void add(Entry entry, Instant now) {
    Node node = new Node(entry, ++entry.generation, entry.priority, entry.runAt, entry.sequence);
    (entry.runAt.isAfter(now) ? delayed : ready).add(node);
  }

  /** The best ready entry after moving due delayed ones over, or null. */
  Node peekReady(Instant now) {
    Node due;
    while ((due = delayed.peek()) != null && (due.stale() || !due.runAt().isAfter(now))) {
      delayed.poll();
      if (!due.stale()) {
        ready.add(due);
      }
    }
    Node head;
    while ((head = ready.peek()) != null && head.stale()) {
      ready.poll();
    }
    return head;
  }

  Node pollReady() {
    return ready.poll();
  }

  /** The earliest run-at of any waiting entry, or null. */
  Instant nextRunAt(Instant now) {
    if (peekReady(now) != null) {
      // The ready heap is ordered by priority first, so its head need not be the earliest; every
      // ready entry is due and beats the delayed ones, so scan only the ready heap.
      Instant earliest = null;
      for (Node node : ready) {
        if (!node.stale() && (earliest == null || node.runAt().isBefore(earliest))) {
          earliest = node.runAt();
        }
      }
      return earliest;
    }
    Node due = delayed.peek();
    return due == null ? null : due.runAt();
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
