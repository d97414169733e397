package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One workload's set-up: a store opened once and shared by a producer-only instance and a worker
 * instance, a queue of its own, the no-op handler that stamps starts, and the finish tally.
 */
final class Rig implements AutoCloseable {
  private final BenchOptions options;
  private final TaskStore store;
  private final TaskType<Ping> type;
  private final Tally tally;
  private final Latencies latencies;
  private Baton producer;
  private Baton workers;
  private TaskStore producerStore;

  Rig(BenchOptions options, String workload, int capacity) {
    this.options = options;
    this.store = StoreProviders.open(options.backend(), new StoreContext(InstantSource.system()));
    if (options.clear()) {
      store.clear();
    }
    // A fresh queue per workload run, so leftovers in a shared backend neither run nor count.
    String queue = workload + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    this.type = TaskType.of("bench.ping", Ping.class).withQueue(queue);
    this.tally = new Tally(queue);
    this.latencies = new Latencies(capacity);
  }

  /** An instance with no workers, for enqueueing before any worker runs. */
  Baton producer() {
    if (producer == null) {
      producer = Baton.builder().backend(store).register(type).workers(0).start();
    }
    return producer;
  }

  /**
   * An instance with no workers on a store of its own, opened from the same URL: another node, as
   * far as the workers can tell, so a task it enqueues reaches them only through the backend.
   */
  Baton producerOnItsOwnStore() {
    if (producer == null) {
      producerStore =
          StoreProviders.open(options.backend(), new StoreContext(InstantSource.system()));
      producer = Baton.builder().backend(producerStore).register(type).workers(0).start();
    }
    return producer;
  }

  /** Starts the workers; {@code onStart} runs in the handler after the start is stamped. */
  Baton startWorkers(Runnable onStart) {
    workers =
        Baton.builder()
            .backend(store)
            .handle(
                type,
                (ping, ctx) -> {
                  // Enqueue-to-start from System.nanoTime stamps carried in the payload: monotonic
                  // and
                  // nanosecond-grained, and taken where the handler really begins. The record's
                  // run-at and started-at are wall-clock instants read by the store (millisecond
                  // grain on some backends), and started-at marks the claim, before the hand-off to
                  // a worker thread.
                  latencies.record(ping.n(), System.nanoTime() - ping.stamp());
                  onStart.run();
                  return null;
                })
            .workers(options.workers())
            .claimBatch(options.claimBatch())
            .listener(tally)
            .start();
    return workers;
  }

  Baton startWorkers() {
    return startWorkers(() -> {});
  }

  /** Requests for tasks {@code from} to {@code to} (exclusive), all stamped with {@code stamp}. */
  List<TaskRequest> requests(int from, int to, long stamp, Enqueue enqueue) {
    List<TaskRequest> batch = new ArrayList<>(to - from);
    for (int n = from; n < to; n++) {
      batch.add(TaskRequest.of(type, new Ping(n, stamp), enqueue));
    }
    return batch;
  }

  /** Enqueues tasks {@code from} to {@code to} in batches, each batch stamped as it goes in. */
  void enqueue(Baton baton, int from, int to) {
    for (int n = from; n < to; n += options.batch()) {
      int end = Math.min(to, n + options.batch());
      baton.enqueueAll(requests(n, end, System.nanoTime(), Enqueue.options()));
    }
  }

  /** Waits until {@code count} tasks of this rig are done, or fails with a clear message. */
  void awaitDone(long count) {
    Duration timeout = options.timeout();
    try {
      if (!tally.await(count, timeout)) {
        throw new IllegalStateException(
            "only "
                + tally.done()
                + " of "
                + count
                + " tasks were done after "
                + timeout
                + "; raise --timeout or lower the task count");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for tasks", e);
    }
  }

  Tally tally() {
    return tally;
  }

  Latencies latencies() {
    return latencies;
  }

  TaskType<Ping> type() {
    return type;
  }

  @Override
  public void close() {
    try {
      if (workers != null) {
        workers.close();
      }
      if (producer != null) {
        producer.close();
      }
      if (producerStore != null) {
        producerStore.close();
      }
    } finally {
      store.close();
    }
  }
}
