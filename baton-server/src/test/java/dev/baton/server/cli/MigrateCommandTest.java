package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.store.memory.MemoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
  @TempDir Path dir;

  private String out;
  private String err;

  private int baton(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    var cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    int code = cli.execute(args);
    out = o.toString().trim();
    err = e.toString().trim();
    return code;
  }

  private static TaskStore open(String url) {
    return StoreProviders.open(url, new StoreContext(InstantSource.system()));
  }

  @Test
  void memory_to_sqlite_copies_every_record_and_running_tasks_arrive_queued() {
    List<String> warnings = new ArrayList<>();
    try (TaskStore source = new MemoryStore(InstantSource.system());
        TaskStore target = open("sqlite:" + dir.resolve("to.db"))) {
      MigrationFixture.fill(source, 50, 3);
      TaskRecord before = source.get(TaskId.of("task-00002")).orElseThrow();

      Migration.Result result =
          new Migration(
                  source,
                  target,
                  new Migration.Options(7, false, 0, false, "memory:"),
                  warnings::add)
              .run();

      assertThat(result.complete()).isTrue();
      assertThat(result.mismatches()).isEmpty();
      assertThat(result.scanned()).isEqualTo(50);
      assertThat(result.inserted()).isEqualTo(50);
      assertThat(result.requeued()).isEqualTo(3);
      assertThat(result.schedules()).isEqualTo(2);
      assertThat(result.kvEntries()).isEqualTo(3);
      assertThat(warnings).singleElement().asString().contains("3 task(s) are RUNNING");
      assertThat(result.destination().tasks())
          .isEqualTo(
              Map.of(
                  TaskStatus.QUEUED,
                  10L,
                  TaskStatus.SUCCEEDED,
                  10L,
                  TaskStatus.FAILED,
                  10L,
                  TaskStatus.CANCELED,
                  10L,
                  TaskStatus.SUSPENDED,
                  10L));
      TaskRecord after = target.get(TaskId.of("task-00002")).orElseThrow();
      assertThat(after).usingRecursiveComparison().ignoringFields("sequence").isEqualTo(before);
      TaskRecord wasRunning = target.get(TaskId.of("task-00000")).orElseThrow();
      assertThat(wasRunning.status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(wasRunning.leaseOwner()).isNull();
      assertThat(wasRunning.attempts()).isEqualTo(1);
      assertThat(target.schedules().get("nightly").orElseThrow().expression())
          .isEqualTo("0 3 * * *");
      assertThat(target.kv().get("counter")).contains("42");
      assertThat(target.kv().scan(null, 10))
          .filteredOn(e -> e.key().equals("session"))
          .singleElement()
          .extracting(e -> e.expiresAt())
          .isNotNull();
    }
  }

  @Test
  void sqlite_to_sqlite_stopped_part_way_continues_from_its_cursor_without_duplicates_and_verifies()
      throws Exception {
    String from = "sqlite:" + dir.resolve("from.db");
    String to = "sqlite:" + dir.resolve("to.db");
    try (TaskStore source = open(from)) {
      MigrationFixture.fill(source, 120, 0);
    }

    assertThat(
            baton(
                "migrate",
                "--from",
                from,
                "--to",
                to,
                "--batch",
                "25",
                "--max-tasks",
                "60",
                "--json"))
        .as(err)
        .isEqualTo(MigrateCommand.STOPPED_EARLY);
    JsonNode first = new ObjectMapper().readTree(out);
    assertThat(first.get("complete").asBoolean()).isFalse();
    assertThat(first.at("/tasks/inserted").asLong()).isEqualTo(60);
    assertThat(err).contains("60/120 tasks");
    try (TaskStore target = open(to)) {
      assertThat(target.scan(0, 1000)).hasSize(60);
    }

    assertThat(baton("migrate", "--from", from, "--to", to, "--batch", "25", "--json"))
        .as(err)
        .isZero();
    JsonNode second = new ObjectMapper().readTree(out);
    assertThat(second.at("/tasks/resumedAfterSequence").asLong()).isPositive();
    assertThat(second.at("/tasks/scanned").asLong()).isEqualTo(60);
    assertThat(second.at("/tasks/skipped").asLong()).isZero();
    assertThat(second.at("/tasks/inserted").asLong()).isEqualTo(60);
    assertThat(second.at("/verify/ok").asBoolean()).isTrue();
    assertThat(second.at("/verify/destination/tasks/SUCCEEDED").asLong()).isEqualTo(24);
    assertThat(second.at("/verify/destination/schedules").asLong()).isEqualTo(2);
    assertThat(second.at("/verify/destination/kvEntries").asLong()).isEqualTo(3);
    assertThat(err).contains("120/120 tasks");
    try (TaskStore target = open(to)) {
      List<TaskRecord> all = target.scan(0, 1000);
      assertThat(all).hasSize(120);
      assertThat(all).extracting(t -> t.id().value()).doesNotHaveDuplicates().isSorted();
      // The cursor lives in the destination's reserved keys, outside the user's entries and counts.
      assertThat(target.kv().keys(Migration.CURSORS)).hasSize(1);
    }

    // Without the cursor the whole source is read again, and every task is found already there.
    assertThat(baton("migrate", "--from", from, "--to", to, "--restart", "--json"))
        .as(err)
        .isZero();
    JsonNode third = new ObjectMapper().readTree(out);
    assertThat(third.at("/tasks/resumedAfterSequence").isMissingNode()).isTrue();
    assertThat(third.at("/tasks/skipped").asLong()).isEqualTo(120);
    assertThat(third.at("/tasks/inserted").asLong()).isZero();
    assertThat(third.at("/verify/ok").asBoolean()).isTrue();
  }

  @Test
  void a_dry_run_writes_nothing_and_a_mismatch_exits_non_zero() {
    String from = "sqlite:" + dir.resolve("from.db");
    String to = "sqlite:" + dir.resolve("to.db");
    try (TaskStore source = open(from);
        TaskStore target = open(to)) {
      MigrationFixture.fill(source, 10, 0);
      target.restore(List.of(MigrationFixture.record("already-there", TaskStatus.FAILED)));
    }

    assertThat(baton("migrate", "--from", from, "--to", to, "--dry-run")).as(err).isZero();
    assertThat(out).contains("Dry run: would copy 10 of 10 tasks");
    try (TaskStore target = open(to)) {
      assertThat(target.scan(0, 100)).hasSize(1);
    }

    assertThat(baton("migrate", "--from", from, "--to", to)).isEqualTo(1);
    assertThat(out).contains("Counts DIFFER");
    assertThat(err).contains("counts differ: tasks FAILED: source 2, destination 3");
  }

  @Test
  void a_dry_run_into_a_new_sqlite_file_creates_nothing_and_says_what_it_would_copy() {
    String from = "sqlite:" + dir.resolve("from.db");
    Path target = dir.resolve("fresh.db");
    try (TaskStore source = open(from)) {
      MigrationFixture.fill(source, 10, 0);
    }

    assertThat(baton("migrate", "--from", from, "--to", "sqlite:" + target, "--dry-run"))
        .as(err)
        .isZero();

    assertThat(target).doesNotExist();
    assertThat(dir.resolve("fresh.db-wal")).doesNotExist();
    assertThat(out)
        .contains("Dry run: would copy 10 of 10 tasks")
        .contains("2 schedules, 3 key-value entries")
        .contains("Source:      {CANCELED=2, FAILED=2, QUEUED=2, SUCCEEDED=2, SUSPENDED=2}")
        .contains("Nothing was written");

    assertThat(baton("migrate", "--from", from, "--to", "sqlite:" + target, "--dry-run", "--json"))
        .as(err)
        .isZero();
    assertThat(target).doesNotExist();
    assertThat(out).contains("\"wouldCopy\"").contains("\"dryRun\" : true");
  }

  @Test
  void bad_arguments_are_refused_with_usage_exit_codes() {
    assertThat(baton("migrate", "--from", "memory:", "--to", "memory:")).isEqualTo(2);
    assertThat(err).contains("same backend");
    assertThat(baton("migrate", "--from", "nope:x", "--to", "memory:")).isEqualTo(1);
    assertThat(err).contains("--from").contains("Unknown backend URL");
    assertThat(
            baton(
                "migrate",
                "--from",
                "memory:",
                "--to",
                "sqlite:" + dir.resolve("x.db"),
                "--batch",
                "0"))
        .isEqualTo(1);
    assertThat(err).contains("--batch must be at least 1");
  }
}
