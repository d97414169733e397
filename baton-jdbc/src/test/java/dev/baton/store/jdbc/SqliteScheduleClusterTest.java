package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskRecord;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once per tick across processes: three JVMs on one SQLite file all run the scheduler for a
 * one-second interval schedule they each create at start-up; one is killed with SIGKILL half-way.
 * Every tick from the first to the last must have made exactly one task, none missing.
 */
class SqliteScheduleClusterTest {
  private static final int TICKS = 64;

  @TempDir Path dir;
  private final List<Process> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws InterruptedException {
    ChildJvm.stopAll(nodes);
  }

  @Test
  void every_tick_makes_exactly_one_task_while_a_node_is_killed() throws Exception {
    Path file = dir.resolve("baton.db");
    for (int i = 1; i <= 3; i++) {
      nodes.add(
          ChildJvm.start(
              SchedulerNodeMain.class,
              dir.resolve("node-" + i + ".log"),
              file.toString(),
              "node-" + i));
    }
    try (TaskStore observer = SqliteStores.open(dir, InstantSource.system())) {
      Awaits.await(Duration.ofMinutes(2)).until(() -> ticks(observer).size() >= TICKS / 2);
      nodes.get(0).destroyForcibly();
      assertThat(nodes.get(0).waitFor(30, TimeUnit.SECONDS)).as("node-1 died").isTrue();
      int atKill = ticks(observer).size();

      Awaits.await(Duration.ofMinutes(2)).until(() -> ticks(observer).size() >= TICKS);
      nodes.get(1).destroyForcibly();
      nodes.get(2).destroyForcibly();
      nodes.get(1).waitFor(30, TimeUnit.SECONDS);
      nodes.get(2).waitFor(30, TimeUnit.SECONDS);

      List<TaskRecord> tasks = ticks(observer);
      ScheduleRecord schedule = observer.schedules().get(SchedulerNodeMain.SCHEDULE).orElseThrow();
      assertThat(schedule.version())
          .as("the nodes' start-up upserts created it once")
          .isGreaterThan(0);
      assertThat((long) tasks.size()).as("one task per run counted").isEqualTo(schedule.runCount());

      List<Instant> times = tasks.stream().map(TaskRecord::runAt).sorted().toList();
      for (int i = 1; i < times.size(); i++) {
        assertThat(Duration.between(times.get(i - 1), times.get(i)))
            .as("tick %d follows tick %d by one second: none missing, none twice", i, i - 1)
            .isEqualTo(Duration.ofSeconds(1));
      }
      for (TaskRecord task : tasks) {
        assertThat(task.id().value()).isEqualTo(SchedulerNodeMain.SCHEDULE + "@" + task.runAt());
        assertThat(task.scheduleId()).isEqualTo(SchedulerNodeMain.SCHEDULE);
      }
      System.out.printf(
          "SqliteScheduleClusterTest: %d consecutive one-second ticks, %d before node-1"
              + " was killed, each made exactly one task%n",
          tasks.size(), atKill);
    }
  }

  private static List<TaskRecord> ticks(TaskStore store) {
    return store.list(new TaskQuery(null, null, SchedulerNodeMain.TICK.name(), 0, 1000)).items();
  }
}
