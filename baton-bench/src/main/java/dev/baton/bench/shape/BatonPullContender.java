package dev.baton.bench.shape;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.Fetch;
import dev.baton.LeasedTask;
import dev.baton.SettleBatch;
import dev.baton.TaskRecord;
import dev.baton.TaskType;
import dev.baton.bench.Ping;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Baton's pull API as the contender beside Baton's handlers ({@code --peer pull} or {@code
 * pull-single}): an instance without workers, {@link #THREADS} threads that each fetch up to the
 * claim batch the handler-run contender uses ({@code min(workers, 128)}) and settle what they
 * fetched, either in one {@link Baton#settleBatch()} or with one {@code ack} per task. Enqueues,
 * the store and the done signal are the handler-run contender's.
 */
final class BatonPullContender extends OnBatonStore {
  /** Fetching threads: one per core of the 2-core machines these figures come from. */
  static final int THREADS = 2;

  private final int max;
  private final boolean batched;

  BatonPullContender(String backend, int workers, boolean batched) {
    super(backend);
    this.max = Math.min(workers, BatonBuilder.DEFAULT_CLAIM_BATCH);
    this.batched = batched;
  }

  @Override
  public String name() {
    return batched ? "Baton pull, batch settle" : "Baton pull, ack each";
  }

  @Override
  public String settings() {
    return THREADS
        + " threads, fetch max "
        + max
        + (batched ? ", one settleBatch per fetch" : ", one ack per task")
        + ", leases renewed, defaults otherwise";
  }

  @Override
  Phase open(String phase, Sink sink) {
    String queue = InProcess.fresh(phase);
    TaskType<Ping> type = TaskType.of("bench.ping", Ping.class).withQueue(queue);
    Baton baton =
        Baton.builder()
            .backend(store)
            .register(type)
            .workers(0)
            .listener(
                new TaskListener() {
                  @Override
                  public void finished(TaskRecord task, RunEnd end, Duration ran) {
                    if (end == RunEnd.SUCCEEDED && task.queue().equals(queue)) {
                      sink.done();
                    }
                  }
                })
            .start();
    return new Phase() {
      private final List<Thread> threads = new ArrayList<>();
      private volatile boolean stopped;

      @Override
      public void enqueue(int n, long stamp) {
        baton.enqueue(type, new Ping(n, stamp));
      }

      @Override
      public void enqueueAt(int n, long stamp, Instant due) {
        baton.enqueue(type, new Ping(n, stamp), Enqueue.options().runAt(due));
      }

      @Override
      public void startWorkers() {
        Fetch fetch = Fetch.builder().types(type).max(max).timeout(Duration.ofMillis(200)).build();
        for (int i = 0; i < THREADS; i++) {
          threads.add(
              Thread.ofPlatform()
                  .name("bench-pull-" + i)
                  .start(
                      () -> {
                        while (!stopped) {
                          List<LeasedTask> tasks = baton.fetch(fetch);
                          SettleBatch batch = batched ? baton.settleBatch() : null;
                          for (LeasedTask task : tasks) {
                            Ping ping = task.payload(Ping.class);
                            sink.started(ping.n(), ping.stamp());
                            if (batched) {
                              batch.ack(task);
                            } else {
                              task.ack();
                            }
                          }
                          if (batched) {
                            batch.apply();
                          }
                        }
                      }));
        }
      }

      @Override
      public void close() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
          t.join();
        }
        baton.close();
      }
    };
  }
}
