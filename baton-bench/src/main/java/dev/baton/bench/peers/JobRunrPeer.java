package dev.baton.bench.peers;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

import com.zaxxer.hikari.HikariDataSource;
import dev.baton.bench.Latencies;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;

/**
 * JobRunr: its SQL storage on PostgreSQL (it creates and migrates its own tables), a background job
 * server polling every 5 s, the shortest JobRunr allows, with as many workers as Baton has. Jobs
 * are enqueued through {@link BackgroundJob}. Done means JobRunr's storage counts the job
 * SUCCEEDED; the handler's own count only times the idle starts.
 */
final class JobRunrPeer {
  static final String NAME = "jobrunr";
  static final Duration POLL = Duration.ofSeconds(5);

  private JobRunrPeer() {}

  static PeerRun run(PeerOptions options) {
    HikariDataSource pool = DataSources.pool(options, "jobrunr");
    StorageProvider storage = SqlStorageProviderFactory.using(pool);
    try {
      DataSources.execute(pool, "DELETE FROM jobrunr_jobs");
      JobRunr.configure()
          .useStorageProvider(storage)
          .useBackgroundJobServer(
              usingStandardBackgroundJobServerConfiguration()
                  .andPollInterval(POLL)
                  .andWorkerCount(options.workers()),
              false)
          .initialize();
      BackgroundJobServer server = JobRunr.getBackgroundJobServer();
      if (options.warmup() > 0) {
        drain(storage, server, options, options.warmup());
      }
      double throughput = drain(storage, server, options, options.tasks());
      Latencies.Summary idle = idle(server, options);
      return new PeerRun(
          NAME,
          "JobRunr 7.3.0, SQL storage, poll interval 5 s (its minimum), "
              + options.workers()
              + " workers, pool "
              + options.poolSize(),
          options.tasks(),
          throughput,
          idle.count(),
          idle.percentile(50) / 1e6,
          idle.percentile(99) / 1e6,
          idle.max() / 1e6,
          "job state SUCCEEDED in JobRunr's storage");
    } finally {
      try {
        JobRunr.destroy();
      } finally {
        storage.close();
        pool.close();
      }
    }
  }

  /** N jobs enqueued while the server is stopped, then drained: jobs per second. */
  private static double drain(
      StorageProvider storage, BackgroundJobServer server, PeerOptions options, int count) {
    JobRunrJobs.recordInto(new Recorder(0));
    long before = storage.countJobs(StateName.SUCCEEDED);
    BackgroundJob.enqueue(LongStream.range(0, count).boxed(), n -> JobRunrJobs.ping(n));
    long start = System.nanoTime();
    server.start();
    try {
      long deadline = start + options.timeout().toNanos();
      // The storage is the only place that knows a job is done; look every 10 ms.
      while (storage.countJobs(StateName.SUCCEEDED) - before < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "jobrunr: only "
                  + (storage.countJobs(StateName.SUCCEEDED) - before)
                  + " of "
                  + count
                  + " jobs succeeded after "
                  + options.timeout());
        }
        LockSupport.parkNanos(10_000_000L);
      }
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      server.stop();
    }
  }

  /** One job at a time into the running server: enqueue-to-start. */
  private static Latencies.Summary idle(BackgroundJobServer server, PeerOptions options) {
    int warmup = Math.min(1, options.samples());
    int total = warmup + options.samples();
    Recorder recorder = new Recorder(total);
    JobRunrJobs.recordInto(recorder);
    server.start();
    try {
      for (int n = 0; n < total; n++) {
        long number = n;
        long stamp = System.nanoTime();
        BackgroundJob.enqueue(() -> JobRunrJobs.sample(number, stamp));
        recorder.awaitDone(n + 1, options.timeout(), NAME);
      }
    } finally {
      server.stop();
    }
    return recorder.latencies().summary(warmup, total);
  }
}
