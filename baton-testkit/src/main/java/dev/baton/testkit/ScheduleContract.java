package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.InvalidPayloadException;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.UnknownTaskTypeException;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.schedule.ScheduleSpec;
import dev.baton.schedule.ScheduleState;
import dev.baton.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler contract: schedules stored in the backend fire each tick exactly once, on time, by
 * their misfire policy, across several instances on one store. Runs on the manual clock, with
 * producer-only instances (no workers) so that the tasks ticks make stay QUEUED for inspection.
 */
public abstract class ScheduleContract extends StoreContractSupport {
  /**
   * The payload of scheduled test tasks.
   *
   * @param n a number to tell payloads apart
   */
  public record Ping(int n) {}

  /** The task type schedules make in this contract. */
  protected static final TaskType<Ping> PING = TaskType.of("ping", Ping.class);

  private final List<Baton> instances = new ArrayList<>();

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected ScheduleContract() {}

  /** Skips the whole contract unless the store keeps schedules and reads the manual clock. */
  @BeforeEach
  protected void requireSchedules() {
    assumeTrue(capabilities().schedules(), "the store cannot keep schedules");
    assumeCallerClock();
  }

  /** Closes the instances a test started. */
  @AfterEach
  protected void closeInstances() {
    instances.forEach(Baton::close);
  }

  /**
   * Starts a producer-only instance on the store and the manual clock that runs the scheduler.
   *
   * @param tune changes to the builder, such as a misfire threshold
   * @return the instance; closed after the test
   */
  protected Baton instance(UnaryOperator<BatonBuilder> tune) {
    Baton baton =
        tune.apply(Baton.builder().backend(store).clock(clock).register(PING).workers(0)).start();
    instances.add(baton);
    return baton;
  }

  /**
   * Starts a producer-only instance with default settings.
   *
   * @return the instance
   */
  protected Baton instance() {
    return instance(b -> b);
  }

  private Optional<TaskRecord> tick(String schedule, Instant at) {
    return store.get(TaskId.of(schedule + "@" + at));
  }

  private void awaitTick(String schedule, Instant at) {
    Awaits.await()
        .untilAsserted(() -> assertThat(tick(schedule, at)).as("task of tick %s", at).isPresent());
  }

  private void awaitSchedule(
      Schedules schedules, String name, java.util.function.Predicate<ScheduleRecord> condition) {
    Awaits.await().until(() -> schedules.get(name).filter(condition).isPresent());
  }

  private long tasksOf(String type) {
    return store.list(new dev.baton.spi.TaskQuery(null, null, type, 0, 1)).total();
  }

  @Test
  void an_interval_fires_each_tick_once_on_its_planned_grid() {
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    ScheduleRecord stored =
        schedules.interval("every-10s", Duration.ofSeconds(10), PING, new Ping(1));
    assertThat(stored.nextRunAt()).isEqualTo(start.plusSeconds(10));
    assertThat(stored.enabled()).isTrue();

    clock.advance(Duration.ofSeconds(10));
    awaitTick("every-10s", start.plusSeconds(10));
    TaskRecord task = tick("every-10s", start.plusSeconds(10)).orElseThrow();
    assertThat(task.scheduleId()).isEqualTo("every-10s");
    assertThat(task.type()).isEqualTo("ping");
    assertThat(task.payload()).isEqualTo("{\"n\":1}");
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);

    clock.advance(Duration.ofSeconds(13)); // 3 s late: the next tick stays on the 10 s grid
    awaitTick("every-10s", start.plusSeconds(20));
    awaitSchedule(schedules, "every-10s", s -> s.runCount() == 2);
    assertThat(schedules.get("every-10s").orElseThrow().nextRunAt())
        .isEqualTo(start.plusSeconds(30));
    assertThat(tasksOf("ping")).isEqualTo(2);
  }

  @Test
  void a_tick_is_never_fired_before_it_is_due() {
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    schedules.interval("early", Duration.ofSeconds(10), PING, new Ping(1));
    // A probe due 1 ms before proves the scheduler has looked at this moment of the clock.
    schedules.once("probe", start.plusMillis(9_999), PING, new Ping(0));
    clock.advance(Duration.ofMillis(9_999));
    awaitTick("probe", start.plusMillis(9_999));
    assertThat(tick("early", start.plusSeconds(10))).isEmpty();
    clock.advance(Duration.ofMillis(1));
    awaitTick("early", start.plusSeconds(10));
    assertThat(tick("early", start.plusSeconds(10)).orElseThrow().createdAt())
        .isAfterOrEqualTo(start.plusSeconds(10));
  }

  @Test
  void three_instances_on_one_store_fire_every_tick_exactly_once() {
    Schedules schedules = instance().schedules();
    instance();
    instance();
    Instant start = clock.instant();
    schedules.interval("shared", Duration.ofSeconds(1), PING, new Ping(7));
    for (int i = 1; i <= 60; i++) {
      clock.advance(Duration.ofSeconds(1));
      awaitTick("shared", start.plusSeconds(i));
    }
    awaitSchedule(schedules, "shared", s -> s.runCount() == 60);
    assertThat(tasksOf("ping")).isEqualTo(60);
  }

  @Test
  void upsert_is_idempotent_and_keeps_the_plan_when_nothing_changed() {
    Schedules schedules = instance().schedules();
    ScheduleRecord first = schedules.interval("report", Duration.ofMinutes(1), PING, new Ping(1));
    clock.advance(Duration.ofSeconds(20));
    ScheduleRecord again = schedules.interval("report", Duration.ofMinutes(1), PING, new Ping(1));
    assertThat(again.version()).isEqualTo(first.version());
    assertThat(again.nextRunAt()).isEqualTo(first.nextRunAt());

    ScheduleRecord changed = schedules.interval("report", Duration.ofMinutes(5), PING, new Ping(1));
    assertThat(changed.version()).isGreaterThan(first.version());
    assertThat(changed.nextRunAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(changed.createdAt()).isEqualTo(first.createdAt());
    assertThat(schedules.list(false)).extracting(ScheduleRecord::name).containsExactly("report");
  }

  @Test
  void a_cron_schedule_fires_at_its_local_time() {
    clock.set(Instant.parse("2026-03-07T12:00:00Z"));
    Schedules schedules = instance().schedules();
    ScheduleRecord stored =
        schedules.cron("nightly", "30 2 * * *", ZoneId.of("America/New_York"), PING, new Ping(2));
    assertThat(stored.nextRunAt()).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    assertThat(schedules.nextFireTimes("nightly", 3))
        .containsExactly(
            Instant.parse("2026-03-08T07:30:00Z"),
            Instant.parse("2026-03-09T06:30:00Z"),
            Instant.parse("2026-03-10T06:30:00Z"));
    clock.set(Instant.parse("2026-03-08T07:30:00Z"));
    awaitTick("nightly", Instant.parse("2026-03-08T07:30:00Z"));
  }

  @Test
  void a_once_schedule_in_the_past_fires_at_once_and_then_finishes() {
    Schedules schedules = instance().schedules();
    Instant past = clock.instant().minus(Duration.ofHours(1));
    schedules.once("catch-up", past, PING, new Ping(3));
    awaitTick("catch-up", past);
    awaitSchedule(schedules, "catch-up", s -> !s.enabled());
    ScheduleRecord done = schedules.get("catch-up").orElseThrow();
    assertThat(done.nextRunAt()).isNull();
    assertThat(done.runCount()).isEqualTo(1);
    assertThat(done.state()).isEqualTo(ScheduleState.FINISHED);
    assertThatThrownBy(() -> schedules.resume("catch-up"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void max_runs_stops_the_schedule_and_marks_it_finished() {
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    schedules.upsert(
        ScheduleSpec.interval("thrice", Duration.ofSeconds(1)).task(PING, new Ping(1)).maxRuns(3));
    for (int i = 1; i <= 3; i++) {
      clock.advance(Duration.ofSeconds(1));
      awaitTick("thrice", start.plusSeconds(i));
    }
    awaitSchedule(schedules, "thrice", s -> s.state() == ScheduleState.FINISHED);
    clock.advance(Duration.ofSeconds(5));
    assertThat(schedules.get("thrice").orElseThrow().runCount()).isEqualTo(3);
    assertThat(tasksOf("ping")).isEqualTo(3);
  }

  @Test
  void pausing_stops_ticks_and_resuming_fires_one_catch_up_run_by_default() {
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    schedules.interval("paused", Duration.ofSeconds(10), PING, new Ping(1));
    assertThat(schedules.pause("paused")).isTrue();
    assertThat(schedules.pause("paused")).isFalse();
    assertThat(schedules.get("paused").orElseThrow().state()).isEqualTo(ScheduleState.PAUSED);
    clock.advance(Duration.ofSeconds(35));
    assertThat(schedules.list(true)).isEmpty();
    assertThat(tasksOf("ping")).isZero();

    assertThat(schedules.resume("paused")).isTrue();
    awaitTick("paused", start.plusSeconds(10));
    awaitSchedule(schedules, "paused", s -> s.runCount() == 1);
    assertThat(schedules.get("paused").orElseThrow().nextRunAt()).isEqualTo(start.plusSeconds(40));
    assertThat(tasksOf("ping")).isEqualTo(1);
  }

  @Test
  void skip_drops_missed_ticks_and_fire_all_runs_them_up_to_the_bound() {
    Schedules schedules = instance(b -> b.maxCatchUp(2)).schedules();
    Instant start = clock.instant();
    schedules.upsert(
        ScheduleSpec.interval("skipper", Duration.ofSeconds(10))
            .task(PING, new Ping(1))
            .misfire(MisfirePolicy.SKIP));
    schedules.upsert(
        ScheduleSpec.interval("all", Duration.ofSeconds(10))
            .task(PING, new Ping(2))
            .misfire(MisfirePolicy.FIRE_ALL));
    schedules.pause("skipper");
    schedules.pause("all");
    clock.advance(Duration.ofSeconds(35)); // ticks at 10, 20 and 30 s are missed

    schedules.resume("skipper");
    awaitSchedule(schedules, "skipper", s -> s.nextRunAt().equals(start.plusSeconds(40)));
    assertThat(schedules.get("skipper").orElseThrow().runCount()).isZero();

    schedules.resume("all");
    awaitSchedule(schedules, "all", s -> s.runCount() == 2);
    assertThat(tick("all", start.plusSeconds(10))).isPresent();
    assertThat(tick("all", start.plusSeconds(20))).isPresent();
    assertThat(tick("all", start.plusSeconds(30))).isEmpty();
    assertThat(schedules.get("all").orElseThrow().nextRunAt()).isEqualTo(start.plusSeconds(40));
    assertThat(tasksOf("ping")).isEqualTo(2);
  }

  @Test
  void a_resume_applies_the_misfire_policy_even_after_a_pause_shorter_than_the_threshold() {
    // The default threshold is 5 s: a 4.2 s pause of a 1 s interval misses four ticks that are
    // each "only a little late". A resume still treats them as misfires.
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    schedules.upsert(
        ScheduleSpec.interval("once-after", Duration.ofSeconds(1)).task(PING, new Ping(1)));
    schedules.upsert(
        ScheduleSpec.interval("skip-after", Duration.ofSeconds(1))
            .task(PING, new Ping(2))
            .misfire(MisfirePolicy.SKIP));
    schedules.pause("once-after");
    schedules.pause("skip-after");
    clock.advance(Duration.ofMillis(4_200)); // ticks at 1, 2, 3 and 4 s are missed

    assertThat(schedules.resume("once-after")).isTrue();
    assertThat(schedules.resume("skip-after")).isTrue();

    ScheduleRecord once = schedules.get("once-after").orElseThrow();
    assertThat(once.runCount()).isEqualTo(1);
    assertThat(once.nextRunAt()).isEqualTo(start.plusSeconds(5));
    assertThat(once.state()).isEqualTo(ScheduleState.ACTIVE);
    assertThat(tick("once-after", start.plusSeconds(1))).isPresent();
    ScheduleRecord skip = schedules.get("skip-after").orElseThrow();
    assertThat(skip.runCount()).isZero();
    assertThat(skip.nextRunAt()).isEqualTo(start.plusSeconds(5));

    clock.advance(Duration.ofMillis(800));
    awaitTick("once-after", start.plusSeconds(5));
    awaitTick("skip-after", start.plusSeconds(5));
    awaitSchedule(schedules, "once-after", s -> s.runCount() == 2);
    awaitSchedule(schedules, "skip-after", s -> s.runCount() == 1);
    assertThat(tasksOf("ping")).isEqualTo(3);
  }

  @Test
  void trigger_enqueues_now_without_touching_the_plan() {
    Schedules schedules = instance().schedules();
    ScheduleRecord stored = schedules.interval("manual", Duration.ofHours(1), PING, new Ping(4));
    var enqueued = schedules.trigger("manual");
    assertThat(enqueued.created()).isTrue();
    TaskRecord task = store.get(enqueued.id()).orElseThrow();
    assertThat(task.scheduleId()).isEqualTo("manual");
    assertThat(task.payload()).isEqualTo("{\"n\":4}");
    ScheduleRecord after = schedules.get("manual").orElseThrow();
    assertThat(after.runCount()).isZero();
    assertThat(after.nextRunAt()).isEqualTo(stored.nextRunAt());
  }

  @Test
  void delete_removes_the_schedule_but_keeps_its_tasks() {
    Schedules schedules = instance().schedules();
    Instant start = clock.instant();
    schedules.interval("gone", Duration.ofSeconds(1), PING, new Ping(1));
    clock.advance(Duration.ofSeconds(1));
    awaitTick("gone", start.plusSeconds(1));
    assertThat(schedules.delete("gone")).isTrue();
    assertThat(schedules.delete("gone")).isFalse();
    assertThat(schedules.get("gone")).isEmpty();
    assertThat(tick("gone", start.plusSeconds(1))).isPresent();
  }

  @Test
  void bad_schedules_are_refused_and_leave_existing_ones_untouched() {
    Schedules schedules = instance().schedules();
    ScheduleRecord kept = schedules.interval("kept", Duration.ofMinutes(1), PING, new Ping(1));

    assertThatThrownBy(
            () -> schedules.cron("bad", "0 25 * * *", ZoneId.of("UTC"), PING, new Ping(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0 25 * * *'")
        .hasMessageContaining("hour");
    assertThatThrownBy(() -> ScheduleSpec.interval("bad", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> schedules.interval("bad", Duration.ofMillis(1), PING, new Ping(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least");
    assertThatThrownBy(
            () -> schedules.cron("bad", "0 0 30 2 *", ZoneId.of("UTC"), PING, new Ping(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never fires");
    assertThatThrownBy(
            () ->
                schedules.upsert(
                    ScheduleSpec.cron("bad", "0 2 * * *")
                        .task(TaskRequest.json("nope", "{}", null))))
        .isInstanceOf(UnknownTaskTypeException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(
            () ->
                schedules.upsert(
                    ScheduleSpec.cron("bad", "0 2 * * *")
                        .task(TaskRequest.json("ping", "{\"n\":\"x\"}", null))))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("n");
    assertThatThrownBy(() -> schedules.upsert(ScheduleSpec.cron("bad", "0 2 * * *")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no task");

    assertThat(schedules.list(false)).containsExactly(kept);
  }
}
