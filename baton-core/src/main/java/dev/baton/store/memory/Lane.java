package dev.baton.store.memory;

import dev.baton.TaskStatus;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * The waiting tasks of one type in one queue: the ready ones in claim order (priority, run-at,
 * sequence) and a delay heap ordered by run-at. Keyed by type as well as queue so that a node
 * skips types it cannot run without popping them.
 */
final class Lane {
  /** A queue slot. Keys are copied in so that later changes to the entry cannot break the order. */
  record Node(Entry entry, long generation, int priority, Instant runAt, long sequence) {
    boolean stale() {
      return generation != entry.generation || !entry.waiting();
    }
  }

  final String queue;
  final String type;
  final long[] counts = new long[TaskStatus.values().length];
  private final ReadyTasks ready = new ReadyTasks();
  private final PriorityQueue<Node> delayed = new PriorityQueue<>(Lane::compareDue);

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

  void add(Entry entry, Instant now) {
    Node node = new Node(entry, ++entry.generation, entry.priority, entry.runAt, entry.sequence);
    if (entry.runAt.isAfter(now)) {
      delayed.add(node);
    } else {
      ready.add(node);
    }
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
    return ready.peek();
  }

  /** Removes the node {@link #peekReady} just returned. */
  void removeReady(Node node) {
    ready.remove(node);
  }

  /** The earliest run-at of any waiting entry, or null. */
  Instant nextRunAt(Instant now) {
    if (peekReady(now) != null) {
      // Every ready entry is due and so earlier than every delayed one.
      return ready.earliestRunAt();
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
