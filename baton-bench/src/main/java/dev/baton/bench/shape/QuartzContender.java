package dev.baton.bench.shape;

import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its in-memory RAMJobStore, the peer of Baton's memory backend: one scheduler per
 * phase with as many pool threads as Baton has workers, everything else at Quartz's defaults.
 * Enqueueing is {@code scheduleJob} of a one-shot job with a trigger for now (or for the due
 * instant); done means Quartz reported the job executed.
 */
final class QuartzContender extends InProcess {
  static final String VERSION = "2.5.2";
  private final int workers;

  QuartzContender(int workers) {
    this.workers = workers;
  }

  @Override
  public String name() {
    return "Quartz " + VERSION;
  }

  @Override
  public String settings() {
    return "RAMJobStore, "
        + workers
        + " pool threads, defaults otherwise (one trigger per"
        + " acquisition, misfire threshold 60 s)";
  }

  /** The class Quartz is told to run; the phase's job factory runs the sink's no-op instead. */
  public static final class Noop implements Job {
    /** Quartz makes jobs by reflection. */
    public Noop() {}

    @Override
    public void execute(JobExecutionContext context) {}
  }

  @Override
  Phase open(String phase, Sink sink) throws SchedulerException {
    Properties properties = new Properties();
    properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, InProcess.fresh(phase));
    properties.setProperty(
        StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(workers));
    Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.setJobFactory(
        (bundle, owner) ->
            context -> {
              JobDataMap data = context.getMergedJobDataMap();
              sink.started(data.getInt("n"), data.getLong("stamp"));
            });
    scheduler
        .getListenerManager()
        .addJobListener(
            new JobListener() {
              @Override
              public String getName() {
                return "shape-done";
              }

              @Override
              public void jobToBeExecuted(JobExecutionContext context) {}

              @Override
              public void jobExecutionVetoed(JobExecutionContext context) {}

              @Override
              public void jobWasExecuted(
                  JobExecutionContext context, JobExecutionException failure) {
                sink.done();
              }
            });
    return new Phase() {
      @Override
      public void enqueue(int n, long stamp) throws SchedulerException {
        schedule(n, stamp, TriggerBuilder.newTrigger().startNow().build());
      }

      @Override
      public void enqueueAt(int n, long stamp, Instant due) throws SchedulerException {
        schedule(n, stamp, TriggerBuilder.newTrigger().startAt(Date.from(due)).build());
      }

      private void schedule(int n, long stamp, Trigger trigger) throws SchedulerException {
        scheduler.scheduleJob(
            JobBuilder.newJob(Noop.class)
                .withIdentity("t" + n)
                .usingJobData("n", n)
                .usingJobData("stamp", stamp)
                .build(),
            trigger);
      }

      @Override
      public void startWorkers() throws SchedulerException {
        scheduler.start();
      }

      @Override
      public void close() throws SchedulerException {
        scheduler.shutdown(true);
      }
    };
  }
}
