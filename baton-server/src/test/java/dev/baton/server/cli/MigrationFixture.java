package dev.baton.server.cli;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.Claim;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A source store with tasks in every status, two schedules and key-value entries. */
final class MigrationFixture {
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3_600);

  private MigrationFixture() {}

  static TaskRecord record(String id, TaskStatus status) {
    boolean queued = status == TaskStatus.QUEUED;
    return TaskRecord.builder()
        .id(TaskId.of(id))
        .type("echo")
        .queue("default")
        .payload("{\"id\":\"" + id + "\"}")
        .priority(3)
        .runAt(status == TaskStatus.SUSPENDED ? T0.plus(Duration.ofDays(2)) : T0)
        .status(status)
        .attempts(queued ? 0 : 1)
        .maxAttempts(3)
        // Suspended ones as stored before policies were stored with tasks.
        .retryPolicy(status == TaskStatus.SUSPENDED ? null : "fixed delay=PT1M retries=2")
        .timeout(Duration.ofSeconds(30))
        .result(status == TaskStatus.SUCCEEDED ? "{\"ok\":true}" : null)
        .errors(
            status == TaskStatus.FAILED
                ? List.of(
                    new TaskError(T0.plusSeconds(2), 1, "boom", "java.io.IOException", "at x"))
                : List.of())
        .executionTime(Duration.ofMillis(15))
        .correlationId("corr-" + id)
        .createdAt(T0)
        .startedAt(queued ? null : T0.plusSeconds(1))
        .finishedAt(status.isTerminal() ? T0.plusSeconds(2) : null)
        .updatedAt(T0.plusSeconds(2))
        .sequence(0)
        .build();
  }

  /**
   * Fills the store: {@code n} tasks cycling through QUEUED, SUCCEEDED, FAILED, CANCELED and
   * SUSPENDED, then claims {@code running} of the QUEUED ones, two schedules, three entries.
   */
  static void fill(TaskStore store, int n, int running) {
    TaskStatus[] cycle = {
      TaskStatus.QUEUED,
      TaskStatus.SUCCEEDED,
      TaskStatus.FAILED,
      TaskStatus.CANCELED,
      TaskStatus.SUSPENDED
    };
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(record(String.format("task-%05d", i), cycle[i % cycle.length]));
    }
    for (int i = 0; i < records.size(); i += 100) {
      store.restore(records.subList(i, Math.min(records.size(), i + 100)));
    }
    if (running > 0) {
      store.claim(
          new Claim(
              "old-node",
              "old-token",
              Set.of("default"),
              Set.of("echo"),
              running,
              Duration.ofMinutes(5)));
    }
    store.schedules().upsert(schedule("nightly", "0 3 * * *"));
    store.schedules().upsert(schedule("hourly", "0 * * * *"));
    store.kv().set("greeting", "\"hello\"", null);
    store.kv().set("counter", "42", null);
    store
        .kv()
        .set(
            "session",
            "{\"user\":1}",
            Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
  }

  static ScheduleRecord schedule(String name, String cron) {
    return ScheduleRecord.builder()
        .name(name)
        .kind(ScheduleKind.CRON)
        .expression(cron)
        .zone("UTC")
        .taskType("echo")
        .payload("{}")
        .queue("default")
        .priority(5)
        .enabled(true)
        .nextRunAt(T0.plus(Duration.ofDays(1)))
        .description("test schedule")
        .misfirePolicy(MisfirePolicy.FIRE_ONCE)
        .createdAt(T0)
        .updatedAt(T0)
        .version(1)
        .build();
  }
}
