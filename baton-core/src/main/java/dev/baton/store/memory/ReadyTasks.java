package dev.baton.store.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * The ready tasks of one lane in claim order: priority descending, then run-at, then sequence.
 *
 * <p>Almost every task becomes ready in (run-at, sequence) order within its priority: an enqueue
 * for now gets now and the next sequence. Those go to a FIFO per priority, where a claim is O(1)
 * instead of a heap's O(log n) cache-missing comparisons. A node that would break a FIFO's order (a
 * release keeps its old run-at and sequence; a clock set back; a priority outside 0-10 from a
 * caller of the SPI) goes to a small heap instead, and the best head of the two wins.
 */
final class ReadyTasks {
  static final int PRIORITIES = 11;

  @SuppressWarnings("unchecked")
  private final ArrayDeque<Lane.Node>[] fifos = new ArrayDeque[PRIORITIES];

  private final PriorityQueue<Lane.Node> outOfOrder = new PriorityQueue<>(Lane::compareReady);

  /** Bit p set when fifos[p] may hold nodes (possibly stale ones). */
  private int filled;

  void add(Lane.Node node) {
    int priority = node.priority();
    if (priority < 0 || priority >= PRIORITIES) {
      outOfOrder.add(node);
      return;
    }
    ArrayDeque<Lane.Node> fifo = fifos[priority];
    if (fifo == null) {
      fifo = fifos[priority] = new ArrayDeque<>();
    }
    Lane.Node tail = fifo.peekLast();
    if (tail == null || Lane.compareDue(tail, node) <= 0) {
      fifo.addLast(node);
      filled |= 1 << priority;
    } else {
      outOfOrder.add(node);
    }
  }

  /** The best live node, dropping stale ones on the way; null when none is ready. */
  Lane.Node peek() {
    Lane.Node best = freshHead(outOfOrder);
    // Any node of a higher priority beats every node of a lower one, so only the highest
    // non-empty FIFO's head can beat the heap's head.
    while (filled != 0) {
      int priority = 31 - Integer.numberOfLeadingZeros(filled);
      Lane.Node head = freshHead(fifos[priority]);
      if (head == null) {
        filled &= ~(1 << priority);
        continue;
      }
      return best == null || Lane.compareReady(head, best) < 0 ? head : best;
    }
    return best;
  }

  /** Removes the node {@link #peek()} just returned. */
  void remove(Lane.Node node) {
    if (outOfOrder.peek() == node) {
      outOfOrder.poll();
    } else {
      fifos[node.priority()].pollFirst();
    }
  }

  /** The earliest run-at among live ready nodes, or null. */
  Instant earliestRunAt() {
    Instant earliest = null;
    for (Lane.Node node : outOfOrder) {
      if (!node.stale() && (earliest == null || node.runAt().isBefore(earliest))) {
        earliest = node.runAt();
      }
    }
    for (int bits = filled; bits != 0; bits &= bits - 1) {
      // Each FIFO is in run-at order: its first live node is its earliest.
      Lane.Node head = freshHead(fifos[Integer.numberOfTrailingZeros(bits)]);
      if (head != null && (earliest == null || head.runAt().isBefore(earliest))) {
        earliest = head.runAt();
      }
    }
    return earliest;
  }

  /** The queue's first node that is not stale, dropping stale ones; null when there is none. */
  static Lane.Node freshHead(Queue<Lane.Node> queue) {
    Lane.Node head;
    while ((head = queue.peek()) != null && head.stale()) {
      queue.poll();
    }
    return head;
  }
}
