package dev.baton.server;

import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.event.TaskListener;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.QueueCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Micrometer meters fed by a {@link TaskListener}, scraped as Prometheus text. Queue depths are
 * read from the backend at scrape time, not counted from events, so they stay right across nodes.
 */
final class Metrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final int MAX_LOOKUPS = 1000;

  private MultiGauge depth;
  private volatile Baton baton;

  TaskListener listener() {
    return new TaskListener() {
      @Override
      public void enqueued(String type, String queue, int count) {
        counter("baton.tasks.enqueued", type, queue).increment(count);
      }

      @Override
      public void started(TaskRecord task) {
        counter("baton.tasks.started", task.type(), task.queue()).increment();
        if (task.startedAt() != null) {
          // From due time, not creation: a delayed task was not waiting before it was due.
          Duration wait = Duration.between(task.runAt(), task.startedAt());
          timer("baton.tasks.wait", task).record(wait.isNegative() ? Duration.ZERO : wait);
        }
      }

      @Override
      public void finished(TaskRecord task, RunEnd end, Duration ran) {
        String name =
            switch (end) {
              case SUCCEEDED -> "baton.tasks.succeeded";
              case FAILED -> "baton.tasks.failed";
              case RETRIED -> "baton.tasks.retried";
              case SUSPENDED -> "baton.tasks.suspended";
              case RELEASED -> "baton.tasks.released";
              case FENCED -> "baton.tasks.fenced";
            };
        counter(name, task.type(), task.queue()).increment();
        timer("baton.tasks.run", task).record(ran);
      }

      @Override
      public void timedOut(TaskRecord task, Duration limit) {
        counter("baton.tasks.timed.out", task.type(), task.queue()).increment();
      }

      @Override
      public void leasesExpired(List<TaskId> ids) {
        // The reaper reports ids only: read each task back for its labels and for whether it was
        // requeued (a recovery) or failed (its attempts were spent). Expiries are rare; past a
        // bound the rest are counted without labels rather than holding up the reaper.
        Baton current = baton;
        for (int i = 0; i < ids.size(); i++) {
          TaskRecord task = null;
          if (current != null && i < MAX_LOOKUPS) {
            try {
              task = current.backend().get(ids.get(i)).orElse(null);
            } catch (RuntimeException e) {
              registry.counter("baton.scrape.errors").increment();
            }
          }
          String outcome = task == null ? "unknown" : task.status() == TaskStatus.FAILED ? "failed" : "requeued";
          registry.counter("baton.leases.expired",
              "type", task == null ? "unknown" : task.type(),
              "queue", task == null ? "unknown" : task.queue(),
              "outcome", outcome).increment();
        }
      }

      @Override
      public void scheduleTicks(ScheduleRecord schedule, int fired, int skipped) {
        Tags tags = Tags.of("schedule", schedule.name(), "type", schedule.taskType(), "queue", schedule.queue());
        if (fired > 0) {
          registry.counter("baton.schedule.ticks.fired", tags).increment(fired);
        }
        if (skipped > 0) {
          registry.counter("baton.schedule.ticks.skipped", tags.and("policy", schedule.misfirePolicy().name())).increment(skipped);
        }
      }

      @Override
      public void backgroundError(String where, Throwable error) {
        registry.counter("baton.background.errors", "loop", where).increment();
      }
    };
  }

  void watch(Baton baton) {
    this.baton = baton;
    depth = MultiGauge.builder("baton.queue.depth").description("tasks by queue and status").register(registry);
  }

  String scrape() {
    if (baton != null) {
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      try {
        for (QueueCount c : baton.counts()) {
          rows.add(MultiGauge.Row.of(Tags.of("queue", c.queue(), "type", c.type(), "status", c.status().name()), c.count()));
        }
      } catch (RuntimeException e) {
        // A backend that cannot count, or is down, still lets the event meters through.
        registry.counter("baton.scrape.errors").increment();
      }
      depth.register(rows, true);
    }
    return registry.scrape();
  }

  private Counter counter(String name, String type, String queue) {
    return registry.counter(name, "type", type, "queue", queue);
  }

  private Timer timer(String name, TaskRecord task) {
    return Timer.builder(name)
        .tags("type", task.type(), "queue", task.queue())
        .publishPercentileHistogram()
        .register(registry);
  }
}
