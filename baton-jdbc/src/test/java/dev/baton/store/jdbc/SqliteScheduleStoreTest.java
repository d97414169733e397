package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskId;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule store's upsert and compare-and-set semantics on SQLite. */
class SqliteScheduleStoreTest {
  private static final Instant T0 = ManualClock.DEFAULT_START;

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private TaskStore store;
  private ScheduleStore schedules;

  @BeforeEach
  void open() {
    store = SqliteStores.open(dir, clock);
    schedules = store.schedules();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static ScheduleRecord every(String name, String period, Instant nextRunAt) {
    return ScheduleRecord.builder()
        .name(name)
        .kind(ScheduleKind.INTERVAL)
        .expression(period)
        .taskType(TestTasks.TYPE)
        .payload("{\"n\":1}")
        .queue(TestTasks.QUEUE)
        .enabled(true)
        .nextRunAt(nextRunAt)
        .description("a test schedule")
        .misfirePolicy(MisfirePolicy.FIRE_ONCE)
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  /** The schedule after one tick at its next run, as the scheduler would compute it. */
  private static ScheduleRecord ticked(ScheduleRecord s, Instant next) {
    return s.toBuilder()
        .runCount(s.runCount() + 1)
        .lastRunAt(s.nextRunAt())
        .nextRunAt(next)
        .build();
  }

  private static NewTask tickTask(String schedule, Instant tick) {
    return TestTasks.newTask(schedule + "@" + tick).build();
  }

  @Test
  void upsert_of_a_new_name_stores_it_as_given_with_version_one() {
    ScheduleRecord stored = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));

    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.nextRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(schedules.get("report")).contains(stored);
  }

  @Test
  void upsert_with_the_same_definition_changes_nothing_and_keeps_the_plan() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    assertThat(schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of())).isTrue();
    ScheduleRecord advanced = schedules.get("report").orElseThrow();
    clock.advance(Duration.ofMinutes(5));

    ScheduleRecord again = schedules.upsert(every("report", "PT1M", T0.plusSeconds(999)));

    assertThat(again).isEqualTo(advanced);
    assertThat(again.version()).isEqualTo(2);
    assertThat(again.nextRunAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(again.runCount()).isEqualTo(1);
  }

  @Test
  void upsert_with_a_new_definition_replaces_it_keeps_the_run_state_and_bumps_the_version() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of());
    clock.advance(Duration.ofMinutes(1));

    ScheduleRecord changed = schedules.upsert(every("report", "PT5M", T0.plusSeconds(300)));

    assertThat(changed.expression()).isEqualTo("PT5M");
    assertThat(changed.nextRunAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(changed.runCount()).isEqualTo(1);
    assertThat(changed.lastRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(changed.createdAt()).isEqualTo(first.createdAt());
    assertThat(changed.updatedAt()).isEqualTo(clock.instant());
    assertThat(changed.version()).isEqualTo(3);
    assertThat(schedules.get("report")).contains(changed);
  }

  @Test
  void advance_with_the_read_version_moves_the_plan_and_inserts_the_ticks_task() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    NewTask task = tickTask("report", first.nextRunAt());

    assertThat(schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of(task))).isTrue();

    ScheduleRecord after = schedules.get("report").orElseThrow();
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.runCount()).isEqualTo(1);
    assertThat(after.lastRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(after.nextRunAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(store.get(task.id())).isPresent();
  }

  @Test
  void advance_with_a_stale_version_changes_nothing_and_inserts_no_task() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of());
    NewTask late = tickTask("report", first.nextRunAt());

    assertThat(schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of(late))).isFalse();

    assertThat(schedules.get("report").orElseThrow().version()).isEqualTo(2);
    assertThat(store.get(late.id())).isEmpty();
  }

  @Test
  void advance_skips_a_task_whose_id_exists_and_still_moves_the_plan() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    NewTask task = tickTask("report", first.nextRunAt());
    store.enqueue(List.of(task));

    assertThat(schedules.advance(ticked(first, T0.plusSeconds(120)), 1, List.of(task))).isTrue();

    assertThat(schedules.get("report").orElseThrow().version()).isEqualTo(2);
    assertThat(store.list(dev.baton.spi.TaskQuery.byStatus(null, 10)).total()).isEqualTo(1);
  }

  @Test
  void two_stores_racing_for_one_tick_have_exactly_one_winner() throws Exception {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    NewTask task = tickTask("report", first.nextRunAt());
    ScheduleRecord next = ticked(first, T0.plusSeconds(120));
    CountDownLatch go = new CountDownLatch(1);
    List<Boolean> wins;
    try (TaskStore other = SqliteStores.open(dir, clock);
        ExecutorService threads = Executors.newFixedThreadPool(2)) {
      List<Future<Boolean>> races =
          List.of(
              threads.submit(
                  () -> {
                    go.await();
                    return schedules.advance(next, 1, List.of(task));
                  }),
              threads.submit(
                  () -> {
                    go.await();
                    return other.schedules().advance(next, 1, List.of(task));
                  }));
      go.countDown();
      wins = List.of(races.get(0).get(), races.get(1).get());
    }

    assertThat(wins).containsExactlyInAnyOrder(true, false);
    assertThat(schedules.get("report").orElseThrow().version()).isEqualTo(2);
    assertThat(store.get(task.id())).isPresent();
  }

  @Test
  void list_is_sorted_by_name_and_can_leave_out_paused_schedules() {
    ScheduleRecord b = schedules.upsert(every("b", "PT1M", T0));
    schedules.upsert(every("a", "PT1M", T0));
    ScheduleRecord paused = b.toBuilder().enabled(false).build();
    schedules.advance(paused, 1, List.of());

    assertThat(schedules.list(false)).extracting(ScheduleRecord::name).containsExactly("a", "b");
    assertThat(schedules.list(true)).extracting(ScheduleRecord::name).containsExactly("a");
  }

  @Test
  void delete_removes_the_schedule_but_keeps_its_tasks() {
    ScheduleRecord first = schedules.upsert(every("report", "PT1M", T0));
    NewTask task = tickTask("report", T0);
    schedules.advance(ticked(first, T0.plusSeconds(60)), 1, List.of(task));

    assertThat(schedules.delete("report")).isTrue();
    assertThat(schedules.delete("report")).isFalse();

    assertThat(schedules.get("report")).isEmpty();
    assertThat(store.get(TaskId.of(task.id().value()))).isPresent();
  }

  @Test
  void schedules_survive_reopening_the_store() {
    ScheduleRecord stored = schedules.upsert(every("report", "PT1M", T0.plusSeconds(60)));
    store.close();
    store = SqliteStores.open(dir, clock);

    assertThat(store.schedules().get("report")).contains(stored);
  }
}
