package dev.baton.bench.shape;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.baton.bench.peers.DbSchedulerSchema;
import java.time.Duration;
import java.time.Instant;

/**
 * db-scheduler on the same PostgreSQL, the peer of Baton's PostgreSQL backend: lock-and-fetch
 * polling, immediate execution (a task scheduled for now on a running scheduler is looked for at
 * once), as many threads as Baton has workers and a pool of Baton's default size. Its polling
 * interval is set to 100 ms instead of its default 10 s so that the burst measures its claims, not
 * its sleep. One task name per phase; enqueueing is one {@code schedule} call (its own
 * transaction). Done means db-scheduler reported the execution complete (its row deleted).
 */
final class DbSchedulerContender extends InProcess {
  static final Duration POLL = Duration.ofMillis(100);
  static final int POOL = 10;
  private final String jdbcUrl;
  private final int workers;
  private HikariDataSource pool;

  DbSchedulerContender(String jdbcUrl, int workers) {
    this.jdbcUrl = jdbcUrl;
    this.workers = workers;
  }

  @Override
  public String name() {
    return "db-scheduler " + DbSchedulerSchema.VERSION;
  }

  @Override
  public String settings() {
    return "lock-and-fetch (0.5, 1.0), immediate execution, "
        + workers
        + " threads, pool "
        + POOL
        + ", polling interval "
        + POLL.toMillis()
        + " ms (its default is 10 s)";
  }

  @Override
  void setUp(ShapeOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(POOL);
    config.setPoolName("db-scheduler");
    pool = new HikariDataSource(config);
    DbSchedulerSchema.create(pool);
  }

  @Override
  void tearDown() {
    pool.close();
  }

  @Override
  Phase open(String phase, Sink sink) {
    String name = InProcess.fresh(phase);
    OneTimeTask<Void> task =
        Tasks.oneTime(name)
            .execute(
                (instance, context) -> {
                  String id = instance.getId();
                  int split = id.indexOf('_');
                  sink.started(
                      Integer.parseInt(id, 0, split, 10), Long.parseLong(id.substring(split + 1)));
                });
    SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
    return new Phase() {
      private volatile Scheduler running;

      /** The running scheduler once there is one: scheduling through it wakes it at once. */
      private SchedulerClient scheduling() {
        Scheduler s = running;
        return s != null ? s : client;
      }

      @Override
      public void enqueue(int n, long stamp) {
        scheduling().schedule(task.instance(n + "_" + stamp), Instant.now());
      }

      @Override
      public void enqueueAt(int n, long stamp, Instant due) {
        scheduling().schedule(task.instance(n + "_" + stamp), due);
      }

      @Override
      public void startWorkers() {
        Scheduler scheduler =
            Scheduler.create(pool, task)
                .threads(workers)
                .pollUsingLockAndFetch(0.5, 1.0)
                .pollingInterval(POLL)
                .enableImmediateExecution()
                .addSchedulerListener(
                    new AbstractSchedulerListener() {
                      @Override
                      public void onExecutionComplete(ExecutionComplete complete) {
                        if (complete.getExecution().taskInstance.getTaskName().equals(name)) {
                          sink.done();
                        }
                      }
                    })
                .build();
        scheduler.start();
        running = scheduler;
      }

      @Override
      public void close() {
        if (running != null) {
          running.stop();
        }
      }
    };
  }
}
