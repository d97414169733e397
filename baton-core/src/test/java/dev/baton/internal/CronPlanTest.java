package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fire times checked against a table written by hand from each zone's 2026 rules. Daylight saving
 * rule under test: a wall time skipped by a gap fires once, shifted by the gap; a wall time
 * repeated by an overlap fires once, at its first occurrence.
 */
class CronPlanTest {

  private static List<Instant> next(String cron, String zone, String after, int count) {
    Plan plan = Plan.of(dev.baton.schedule.ScheduleKind.CRON, cron, zone);
    List<Instant> times = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = plan.next(t);
      times.add(t);
    }
    return times;
  }

  @ParameterizedTest(name = "{0} in {1} after {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      # New York, spring forward 2026-03-08 02:00 EST -> 03:00 EDT: 02:30 fires once, at 03:30 EDT
      30 2 * * *   | America/New_York    | 2026-03-07T00:00:00Z | 2026-03-07T07:30:00Z 2026-03-08T07:30:00Z 2026-03-09T06:30:00Z
      # New York, fall back 2026-11-01 02:00 EDT -> 01:00 EST: 02:30 exists once (EST)
      30 2 * * *   | America/New_York    | 2026-10-31T00:00:00Z | 2026-10-31T06:30:00Z 2026-11-01T07:30:00Z 2026-11-02T07:30:00Z
      # New York, 01:30 happens twice on 2026-11-01: fires at the first (EDT) only
      30 1 * * *   | America/New_York    | 2026-10-31T00:00:00Z | 2026-10-31T05:30:00Z 2026-11-01T05:30:00Z 2026-11-02T06:30:00Z
      # New York, hourly across the gap: 01:00 EST, 02:00 shifted to 03:00 EDT, 04:00 EDT
      0 * * * *    | America/New_York    | 2026-03-08T05:30:00Z | 2026-03-08T06:00:00Z 2026-03-08T07:00:00Z 2026-03-08T08:00:00Z
      # New York, hourly across the overlap: 01:00 EDT, then 02:00 EST (the repeated 01:00 is not fired again)
      0 * * * *    | America/New_York    | 2026-11-01T04:30:00Z | 2026-11-01T05:00:00Z 2026-11-01T07:00:00Z 2026-11-01T08:00:00Z
      # Berlin, spring forward 2026-03-29 02:00 CET -> 03:00 CEST: 02:30 fires at 03:30 CEST
      30 2 * * *   | Europe/Berlin       | 2026-03-27T12:00:00Z | 2026-03-28T01:30:00Z 2026-03-29T01:30:00Z 2026-03-30T00:30:00Z
      # Berlin, fall back 2026-10-25 03:00 CEST -> 02:00 CET: 02:30 repeats, fires at the first (CEST)
      30 2 * * *   | Europe/Berlin       | 2026-10-23T12:00:00Z | 2026-10-24T00:30:00Z 2026-10-25T00:30:00Z 2026-10-26T01:30:00Z
      # Lord Howe, 30-minute gap 2026-10-04 02:00 -> 02:30: 02:15 fires once at 02:45 (+11:00)
      15 2 * * *   | Australia/Lord_Howe | 2026-10-02T00:00:00Z | 2026-10-02T15:45:00Z 2026-10-03T15:45:00Z 2026-10-04T15:15:00Z
      # Lord Howe, 30-minute overlap 2026-04-05 02:00 -> 01:30: 01:45 repeats, fires at the first (+11:00)
      45 1 * * *   | Australia/Lord_Howe | 2026-04-03T00:00:00Z | 2026-04-03T14:45:00Z 2026-04-04T14:45:00Z 2026-04-05T15:15:00Z
      # Shanghai, no daylight saving: 02:00 every day at 18:00Z the day before
      0 2 * * *    | Asia/Shanghai       | 2026-03-07T00:00:00Z | 2026-03-07T18:00:00Z 2026-03-08T18:00:00Z 2026-03-09T18:00:00Z
      # Macro and six fields with seconds
      @daily       | Asia/Shanghai       | 2026-01-01T00:00:00Z | 2026-01-01T16:00:00Z 2026-01-02T16:00:00Z 2026-01-03T16:00:00Z
      */20 * * * * * | UTC               | 2026-01-01T00:00:05Z | 2026-01-01T00:00:20Z 2026-01-01T00:00:40Z 2026-01-01T00:01:00Z
      @hourly      | UTC                 | 2026-01-01T00:00:00Z | 2026-01-01T01:00:00Z 2026-01-01T02:00:00Z 2026-01-01T03:00:00Z
      0 9 * * 1-5  | Europe/Berlin       | 2026-01-02T09:00:00Z | 2026-01-05T08:00:00Z 2026-01-06T08:00:00Z 2026-01-07T08:00:00Z
      """)
  void fire_times_match_the_hand_written_table(
      String cron, String zone, String after, String expected) {
    List<Instant> want = new ArrayList<>();
    for (String time : expected.trim().split("\\s+")) {
      want.add(Instant.parse(time));
    }
    assertThat(next(cron.trim(), zone.trim(), after.trim(), want.size()))
        .containsExactlyElementsOf(want);
  }

  @Test
  void a_daily_0230_job_fires_exactly_once_on_both_transition_days() {
    for (String zone : List.of("America/New_York", "Europe/Berlin")) {
      List<Instant> year = next("30 2 * * *", zone, "2026-01-01T00:00:00Z", 365);
      List<java.time.LocalDate> days =
          year.stream().map(t -> t.atZone(ZoneId.of(zone)).toLocalDate()).toList();
      assertThat(days).doesNotHaveDuplicates().hasSize(365);
      assertThat(days.get(0)).isEqualTo(java.time.LocalDate.parse("2026-01-01"));
      assertThat(days.get(364)).isEqualTo(java.time.LocalDate.parse("2026-12-31"));
    }
  }

  @Test
  void a_bad_field_is_named_with_the_expression_quoted() {
    assertThatThrownBy(() -> Plan.of(dev.baton.schedule.ScheduleKind.CRON, "61 * * * *", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'61 * * * *'")
        .hasMessageContaining("field 1 (minute) '61'");
    assertThatThrownBy(() -> Plan.of(dev.baton.schedule.ScheduleKind.CRON, "0 25 * * *", null))
        .hasMessageContaining("field 2 (hour) '25'");
    assertThatThrownBy(() -> Plan.of(dev.baton.schedule.ScheduleKind.CRON, "0 2 * * FUNDAY", null))
        .hasMessageContaining("field 5 (day-of-week) 'FUNDAY'");
  }

  @Test
  void a_wrong_number_of_fields_is_refused_with_the_count() {
    assertThatThrownBy(() -> Plan.of(dev.baton.schedule.ScheduleKind.CRON, "* * * *", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'* * * *'")
        .hasMessageContaining("expected 5 fields")
        .hasMessageContaining("found 4");
  }

  @Test
  void an_unknown_zone_is_refused_by_name() {
    assertThatThrownBy(
            () -> Plan.of(dev.baton.schedule.ScheduleKind.CRON, "0 2 * * *", "Mars/Olympus"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown time zone 'Mars/Olympus'");
  }

  @Test
  void due_times_are_rounded_up_to_whole_microseconds_never_down() {
    assertThat(Plan.ceilMicros(Instant.parse("2026-01-01T00:00:00.000000001Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.000001Z"));
    assertThat(Plan.ceilMicros(Instant.parse("2026-01-01T00:00:00.000002999Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.000003Z"));
    assertThat(Plan.ceilMicros(Instant.parse("2026-01-01T00:00:00.000007Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.000007Z"));
    Plan once =
        Plan.of(dev.baton.schedule.ScheduleKind.ONCE, "2026-01-01T00:00:00.123456789Z", null);
    assertThat(once.first(Instant.EPOCH)).isEqualTo(Instant.parse("2026-01-01T00:00:00.123457Z"));
  }

  @Test
  void intervals_stay_on_their_grid_after_a_late_start() {
    Plan.Interval every = new Plan.Interval(java.time.Duration.ofSeconds(10));
    Instant planned = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(every.nextOnGrid(planned, Instant.parse("2026-01-01T00:00:35Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:40Z"));
    assertThat(every.nextOnGrid(planned, Instant.parse("2026-01-01T00:00:40Z")))
        .isEqualTo(Instant.parse("2026-01-01T00:00:50Z"));
    assertThatThrownBy(() -> Plan.of(dev.baton.schedule.ScheduleKind.INTERVAL, "PT0S", null))
        .hasMessageContaining("must be positive");
  }
}
