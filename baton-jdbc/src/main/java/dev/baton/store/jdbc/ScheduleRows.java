package dev.baton.store.jdbc;

import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The schedule table's columns and the mapping between its rows and {@link ScheduleRecord}. */
final class ScheduleRows {
  static final String TABLE = "baton_schedules";

  static final List<String> COLUMN_LIST =
      List.of(
          "name",
          "kind",
          "expression",
          "zone",
          "task_type",
          "payload",
          "queue",
          "priority",
          "max_runs",
          "run_count",
          "enabled",
          "last_run_at",
          "next_run_at",
          "description",
          "misfire_policy",
          "created_at",
          "updated_at",
          "version");

  static final String COLUMNS = String.join(", ", COLUMN_LIST);

  private ScheduleRows() {}

  static void bindAll(PreparedStatement insert, ScheduleRecord s) throws SQLException {
    insert.setString(1, s.name());
    insert.setString(2, s.kind().name());
    insert.setString(3, s.expression());
    Sql.setString(insert, 4, s.zone());
    insert.setString(5, s.taskType());
    insert.setString(6, s.payload());
    insert.setString(7, s.queue());
    insert.setInt(8, s.priority());
    insert.setLong(9, s.maxRuns());
    insert.setLong(10, s.runCount());
    insert.setBoolean(11, s.enabled());
    Sql.setLong(insert, 12, Times.microsOrNull(s.lastRunAt()));
    Sql.setLong(insert, 13, Times.microsOrNull(s.nextRunAt()));
    Sql.setString(insert, 14, s.description());
    insert.setString(15, s.misfirePolicy().name());
    insert.setLong(16, Times.micros(s.createdAt()));
    insert.setLong(17, Times.micros(s.updatedAt()));
    insert.setLong(18, s.version());
  }

  static ScheduleRecord map(ResultSet row) throws SQLException {
    return ScheduleRecord.builder()
        .name(row.getString(1))
        .kind(ScheduleKind.valueOf(row.getString(2)))
        .expression(row.getString(3))
        .zone(row.getString(4))
        .taskType(row.getString(5))
        .payload(row.getString(6))
        .queue(row.getString(7))
        .priority(row.getInt(8))
        .maxRuns(row.getLong(9))
        .runCount(row.getLong(10))
        .enabled(row.getBoolean(11))
        .lastRunAt(Times.instantOrNull(Sql.getLong(row, 12)))
        .nextRunAt(Times.instantOrNull(Sql.getLong(row, 13)))
        .description(row.getString(14))
        .misfirePolicy(MisfirePolicy.valueOf(row.getString(15)))
        .createdAt(Times.instant(row.getLong(16)))
        .updatedAt(Times.instant(row.getLong(17)))
        .version(row.getLong(18))
        .build();
  }
}
