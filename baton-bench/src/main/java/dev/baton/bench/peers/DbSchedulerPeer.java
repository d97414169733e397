package dev.baton.bench.peers;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.bench.Latencies;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * db-scheduler: one-time tasks on its PostgreSQL table, the lock-and-fetch polling strategy and
 * immediate execution (a task scheduled for now on this instance is looked for at once rather than
 * at the next poll). The task's number and enqueue stamp ride in its instance id, so it has no data
 * to serialize. Done means db-scheduler reported the execution complete (its row is gone).
 */
final class DbSchedulerPeer {
  static final String NAME = "db-scheduler";
  private static final String TASK = "baton-bench-noop";
  private static final int SCHEDULING_THREADS = 8;

  private DbSchedulerPeer() {}

  static PeerRun run(PeerOptions options) {
    try (HikariDataSource pool = DataSources.pool(options, "db-scheduler")) {
      DbSchedulerSchema.create(pool);
      DataSources.execute(pool, "DELETE FROM scheduled_tasks WHERE task_name = '" + TASK + "'");
      if (options.warmup() > 0) {
        drain(pool, options, options.warmup(), "w");
      }
      double throughput = drain(pool, options, options.tasks(), "d");
      Latencies.Summary idle = idle(pool, options);
      return new PeerRun(
          NAME,
          "db-scheduler "
              + DbSchedulerSchema.VERSION
              + ", lock-and-fetch (0.5, 1.0), immediate"
              + " execution, "
              + options.workers()
              + " threads, pool "
              + options.poolSize()
              + ", polling interval 10 s (its default)",
          options.tasks(),
          throughput,
          idle.count(),
          idle.percentile(50) / 1e6,
          idle.percentile(99) / 1e6,
          idle.max() / 1e6,
          "execution complete (row deleted)");
    }
  }

  private static OneTimeTask<Void> task(Recorder recorder) {
    return Tasks.oneTime(TASK)
        .execute(
            (instance, context) -> {
              String[] parts = instance.getId().split("_");
              recorder.started(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            });
  }

  private static Scheduler scheduler(
      HikariDataSource pool, PeerOptions options, OneTimeTask<Void> task, Recorder recorder) {
    return Scheduler.create(pool, task)
        .threads(options.workers())
        .pollUsingLockAndFetch(0.5, 1.0)
        .enableImmediateExecution()
        .addSchedulerListener(
            new AbstractSchedulerListener() {
              @Override
              public void onExecutionComplete(ExecutionComplete complete) {
                recorder.done();
              }
            })
        .build();
  }

  /** N tasks scheduled for now while no scheduler runs, then drained: tasks per second. */
  private static double drain(
      HikariDataSource pool, PeerOptions options, int count, String prefix) {
    Recorder recorder = new Recorder(0);
    OneTimeTask<Void> task = task(recorder);
    SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
    Instant due = Instant.now();
    // The client schedules one task per call (one transaction each); threads only shorten the
    // set-up, which is not timed.
    try (ExecutorService threads = Executors.newFixedThreadPool(SCHEDULING_THREADS)) {
      Future<?>[] parts = new Future<?>[SCHEDULING_THREADS];
      for (int t = 0; t < SCHEDULING_THREADS; t++) {
        int first = t;
        parts[t] =
            threads.submit(
                () -> {
                  for (int n = first; n < count; n += SCHEDULING_THREADS) {
                    client.schedule(task.instance(prefix + "_" + n + "_0"), due);
                  }
                });
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("db-scheduler: scheduling failed: " + e.getMessage(), e);
    }
    Scheduler scheduler = scheduler(pool, options, task, recorder);
    long start = System.nanoTime();
    scheduler.start();
    try {
      recorder.awaitDone(count, options.timeout(), NAME);
      return count / ((recorder.lastDoneNanos() - start) / 1e9);
    } finally {
      scheduler.stop();
    }
  }

  /** One task at a time, scheduled for now on the running instance: enqueue-to-start. */
  private static Latencies.Summary idle(HikariDataSource pool, PeerOptions options) {
    int warmup = Math.min(2, options.samples());
    int total = warmup + options.samples();
    Recorder recorder = new Recorder(total);
    OneTimeTask<Void> task = task(recorder);
    Scheduler scheduler = scheduler(pool, options, task, recorder);
    scheduler.start();
    try {
      for (int n = 0; n < total; n++) {
        long stamp = System.nanoTime();
        scheduler.schedule(task.instance("i_" + n + "_" + stamp), Instant.now());
        recorder.awaitDone(n + 1, options.timeout(), NAME);
      }
    } finally {
      scheduler.stop();
    }
    return recorder.latencies().summary(warmup, total);
  }
}
