package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleRecordBuilderTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

  /** Every field set, each to a value no other field of its type holds. */
  private static ScheduleRecord everyFieldDistinct() {
    return ScheduleRecord.builder()
        .name("nightly")
        .kind(ScheduleKind.CRON)
        .expression("0 2 * * *")
        .zone("Asia/Shanghai")
        .taskType("report")
        .payload("{\"p\":1}")
        .queue("reports")
        .priority(7)
        .maxRuns(10)
        .runCount(3)
        .enabled(true)
        .lastRunAt(T0.plusSeconds(1))
        .nextRunAt(T0.plusSeconds(2))
        .description("the report")
        .misfirePolicy(MisfirePolicy.SKIP)
        .createdAt(T0.plusSeconds(3))
        .updatedAt(T0.plusSeconds(4))
        .version(42)
        .build();
  }

  @Test
  void builder_sets_each_field_under_its_own_name() {
    ScheduleRecord r = everyFieldDistinct();

    assertThat(r.name()).isEqualTo("nightly");
    assertThat(r.kind()).isEqualTo(ScheduleKind.CRON);
    assertThat(r.expression()).isEqualTo("0 2 * * *");
    assertThat(r.zone()).isEqualTo("Asia/Shanghai");
    assertThat(r.taskType()).isEqualTo("report");
    assertThat(r.payload()).isEqualTo("{\"p\":1}");
    assertThat(r.queue()).isEqualTo("reports");
    assertThat(r.priority()).isEqualTo(7);
    assertThat(r.maxRuns()).isEqualTo(10);
    assertThat(r.runCount()).isEqualTo(3);
    assertThat(r.enabled()).isTrue();
    assertThat(r.lastRunAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(r.nextRunAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(r.description()).isEqualTo("the report");
    assertThat(r.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(r.createdAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(r.updatedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(r.version()).isEqualTo(42);
  }

  @Test
  void toBuilder_round_trips_every_field_unchanged() {
    ScheduleRecord r = everyFieldDistinct();

    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void toBuilder_changes_only_the_field_set_again() {
    ScheduleRecord r = everyFieldDistinct();

    ScheduleRecord changed = r.toBuilder().nextRunAt(T0.plusSeconds(99)).build();

    assertThat(changed.nextRunAt()).isEqualTo(T0.plusSeconds(99));
    assertThat(changed).usingRecursiveComparison().ignoringFields("nextRunAt").isEqualTo(r);
  }

  @Test
  void unset_optional_fields_are_null_zero_or_false() {
    ScheduleRecord r =
        ScheduleRecord.builder()
            .name("tick")
            .kind(ScheduleKind.INTERVAL)
            .expression("PT30S")
            .taskType("noop")
            .payload("{}")
            .queue("default")
            .misfirePolicy(MisfirePolicy.FIRE_ONCE)
            .createdAt(T0)
            .updatedAt(T0)
            .build();

    assertThat(r.zone()).isNull();
    assertThat(r.lastRunAt()).isNull();
    assertThat(r.nextRunAt()).isNull();
    assertThat(r.description()).isNull();
    assertThat(r.priority()).isZero();
    assertThat(r.maxRuns()).isZero();
    assertThat(r.runCount()).isZero();
    assertThat(r.version()).isZero();
    assertThat(r.enabled()).isFalse();
    assertThat(r.state()).isEqualTo(ScheduleState.FINISHED);
  }

  @Test
  void build_refuses_a_missing_required_field_by_name() {
    assertThatThrownBy(() -> everyFieldDistinct().toBuilder().updatedAt(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("updatedAt");
    assertThatThrownBy(() -> everyFieldDistinct().toBuilder().misfirePolicy(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("misfirePolicy");
    assertThatThrownBy(() -> ScheduleRecord.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }
}
