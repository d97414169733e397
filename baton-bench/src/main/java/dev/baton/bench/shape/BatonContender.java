package dev.baton.bench.shape;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.TaskRecord;
import dev.baton.TaskType;
import dev.baton.bench.Ping;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.time.Instant;

/**
 * Baton as an application runs it: one instance with the workers that also enqueues, one {@code
 * enqueue} call per task, everything else at its default (claim batch, lease, poll). Before the
 * workers of a phase start, a worker-less instance on the same store enqueues. Done means the task
 * was stored SUCCEEDED.
 */
final class BatonContender extends OnBatonStore {
  private final int workers;

  BatonContender(String backend, int workers) {
    super(backend);
    this.workers = workers;
  }

  @Override
  public String name() {
    return "Baton";
  }

  @Override
  public String settings() {
    return workers
        + " workers, claim batch "
        + Math.min(workers, BatonBuilder.DEFAULT_CLAIM_BATCH)
        + ", defaults otherwise (lease "
        + BatonBuilder.DEFAULT_LEASE.toSeconds()
        + " s, poll "
        + BatonBuilder.DEFAULT_POLL_INTERVAL.toMillis()
        + " ms), succeeded tasks kept";
  }

  @Override
  Phase open(String phase, Sink sink) {
    String queue = InProcess.fresh(phase);
    TaskType<Ping> type = TaskType.of("bench.ping", Ping.class).withQueue(queue);
    Baton producer = Baton.builder().backend(store).register(type).workers(0).start();
    return new Phase() {
      private volatile Baton running;

      /** The instance with the workers once they run: an application enqueues through it. */
      private Baton baton() {
        Baton b = running;
        return b != null ? b : producer;
      }

      @Override
      public void enqueue(int n, long stamp) {
        baton().enqueue(type, new Ping(n, stamp));
      }

      @Override
      public void enqueueAt(int n, long stamp, Instant due) {
        baton().enqueue(type, new Ping(n, stamp), Enqueue.options().runAt(due));
      }

      @Override
      public void startWorkers() {
        running =
            Baton.builder()
                .backend(store)
                .handle(
                    type,
                    (ping, ctx) -> {
                      sink.started(ping.n(), ping.stamp());
                      return null;
                    })
                .workers(workers)
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
      }

      @Override
      public void close() {
        try {
          if (running != null) {
            running.close();
          }
        } finally {
          producer.close();
        }
      }
    };
  }
}
