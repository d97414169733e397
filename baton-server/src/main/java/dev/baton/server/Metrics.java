package dev.baton.server;

import dev.baton.Baton;
import dev.baton.NodeStats;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.event.TaskListener;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.QueueCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters scraped as Prometheus text. This node's worker gauges and task totals read
 * {@link Baton#stats()}, counted where the work happens; the per-type and per-queue breakdowns come
 * from a {@link TaskListener}. Queue depths are read from the backend at scrape time, not counted
 * from events, so they stay right across nodes. Every meter a fresh node can know of is registered
 * at zero before the first scrape.
 */
final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final int MAX_LOOKUPS = 1000;

  /** The per-type counters, registered at zero for the served queues and handled types. */
  private static final List<String> PER_TYPE =
      List.of(
          "baton.tasks.enqueued",
          "baton.tasks.started",
          "baton.tasks.succeeded",
          "baton.tasks.failed",
          "baton.tasks.retried",
          "baton.tasks.suspended");

  private MultiGauge depth;
  private List<List<String>> lanes = List.of();
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
          String outcome =
              task == null ? "unknown" : task.status() == TaskStatus.FAILED ? "failed" : "requeued";
          registry
              .counter(
                  "baton.leases.expired",
                  "type",
                  task == null ? "unknown" : task.type(),
                  "queue",
                  task == null ? "unknown" : task.queue(),
                  "outcome",
                  outcome)
              .increment();
        }
      }

      @Override
      public void scheduleTicks(ScheduleRecord schedule, int fired, int skipped) {
        Tags tags =
            Tags.of(
                "schedule",
                schedule.name(),
                "type",
                schedule.taskType(),
                "queue",
                schedule.queue());
        if (fired > 0) {
          registry.counter("baton.schedule.ticks.fired", tags).increment(fired);
        }
        if (skipped > 0) {
          registry
              .counter(
                  "baton.schedule.ticks.skipped",
                  tags.and("policy", schedule.misfirePolicy().name()))
              .increment(skipped);
        }
      }

      @Override
      public void backgroundError(String where, Throwable error) {
        registry.counter("baton.background.errors", "loop", where).increment();
      }
    };
  }

  /**
   * Starts reading the instance: registers, before the first scrape, every meter a dashboard
   * expects to find at zero on a fresh node (the worker gauges, this node's task totals, the
   * per-type counters of the served queues and handled types, and their queue depths).
   */
  void watch(Baton baton, Collection<String> queues) {
    List<List<String>> served = new ArrayList<>();
    for (String queue : queues) {
      for (String type : new TreeSet<>(baton.handledTypes())) {
        served.add(List.of(queue, type));
        for (String name : PER_TYPE) {
          counter(name, type, queue);
        }
      }
    }
    Gauge.builder("baton.workers", baton, b -> b.stats().busy())
        .description(
            "this node's workers running a task now (state=busy) or waiting for one (state=idle)")
        .tag("state", "busy")
        .register(registry);
    Gauge.builder("baton.workers", baton, b -> b.stats().idle())
        .description(
            "this node's workers running a task now (state=busy) or waiting for one (state=idle)")
        .tag("state", "idle")
        .register(registry);
    total(baton, "submitted", NodeStats::submitted);
    total(baton, "succeeded", NodeStats::succeeded);
    total(baton, "failed", NodeStats::failed);
    total(baton, "retried", NodeStats::retried);
    total(baton, "suspended", NodeStats::suspended);
    depth =
        MultiGauge.builder("baton.queue.depth")
            .description(
                "tasks by queue, type and status; QUEUED split into state ready (due) and scheduled (not yet)")
            .register(registry);
    lanes = List.copyOf(served);
    depth.register(depthRows(List.of()), true);
    registry.counter("baton.scrape.errors");
    // Last: a scrape that sees the instance sees every meter above.
    this.baton = baton;
  }

  private void total(Baton baton, String outcome, ToDoubleFunction<NodeStats> read) {
    FunctionCounter.builder("baton.node.tasks", baton, b -> read.applyAsDouble(b.stats()))
        .description(
            "tasks this node submitted, and runs on this node stored by outcome, since it started")
        .tag("outcome", outcome)
        .register(registry);
  }

  String scrape() {
    if (baton != null) {
      List<QueueCount> counts = List.of();
      try {
        counts = baton.counts();
      } catch (RuntimeException e) {
        // A backend that cannot count, or is down, still lets the event meters through.
        registry.counter("baton.scrape.errors").increment();
      }
      depth.register(depthRows(counts), true);
    }
    return registry.scrape();
  }

  /**
   * One row per queue, type, status and state: the served lanes always (at zero when empty), any
   * other lane while it holds tasks. The state is {@code ready} or {@code scheduled} for QUEUED and
   * the status in lower case otherwise, so that a sum by status gives the plain counts.
   */
  private List<MultiGauge.Row<?>> depthRows(List<QueueCount> counts) {
    Map<Tags, Long> rows = new LinkedHashMap<>();
    for (List<String> lane : lanes) {
      for (TaskStatus status : TaskStatus.values()) {
        for (String state : states(status)) {
          rows.put(depthTags(lane.get(0), lane.get(1), status, state), 0L);
        }
      }
    }
    for (QueueCount c : counts) {
      if (c.status() == TaskStatus.QUEUED) {
        rows.merge(depthTags(c.queue(), c.type(), c.status(), "ready"), c.ready(), Long::sum);
        rows.merge(
            depthTags(c.queue(), c.type(), c.status(), "scheduled"), c.scheduled(), Long::sum);
      } else {
        rows.merge(
            depthTags(c.queue(), c.type(), c.status(), states(c.status()).get(0)),
            c.count(),
            Long::sum);
      }
    }
    List<MultiGauge.Row<?>> out = new ArrayList<>(rows.size());
    rows.forEach((tags, n) -> out.add(MultiGauge.Row.of(tags, n)));
    return out;
  }

  private static List<String> states(TaskStatus status) {
    return status == TaskStatus.QUEUED
        ? List.of("ready", "scheduled")
        : List.of(status.name().toLowerCase(Locale.ROOT));
  }

  private static Tags depthTags(String queue, String type, TaskStatus status, String state) {
    return Tags.of("queue", queue, "type", type, "status", status.name(), "state", state);
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
