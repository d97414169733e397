package dev.baton.store.jdbc;

import static dev.baton.store.jdbc.ScheduleRows.COLUMNS;
import static dev.baton.store.jdbc.ScheduleRows.TABLE;

import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.NewTask;
import dev.baton.spi.ScheduleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schedules keyed by name. A tick's compare-and-set on the version and the insert of the tasks it
 * makes share one transaction with the task table, so a tick fires exactly once however many nodes
 * race for it.
 */
final class JdbcSchedules implements ScheduleStore {
  private static final String SELECT = "SELECT " + COLUMNS + " FROM " + TABLE;
  private static final String REDEFINE =
      "UPDATE "
          + TABLE
          + " SET kind = ?, expression = ?,"
          + " zone = ?, task_type = ?, payload = ?, queue = ?, priority = ?, max_runs = ?,"
          + " next_run_at = ?, description = ?, misfire_policy = ?, updated_at = ?, version = ?"
          + " WHERE name = ? AND version = ?";
  private static final String ADVANCE =
      "UPDATE "
          + TABLE
          + " SET enabled = ?, run_count = ?,"
          + " last_run_at = ?, next_run_at = ?, updated_at = ?, version = ?"
          + " WHERE name = ? AND version = ?";

  private final Database db;
  private final InstantSource clock;
  private final JdbcStore tasks;
  private final String insert;

  JdbcSchedules(Database db, InstantSource clock, JdbcStore tasks) {
    this.db = db;
    this.clock = clock;
    this.tasks = tasks;
    this.insert = db.dialect().insertIgnore(TABLE, ScheduleRows.COLUMN_LIST, "name");
  }

  @Override
  public ScheduleRecord upsert(ScheduleRecord schedule) {
    Instant now = clock.instant();
    return db.write(
        "storing schedule '" + schedule.name() + "'",
        connection -> {
          // Guarded writes, retried on a lost race: on SQLite the write lock rules races out, on
          // databases with row locks another node may insert or redefine in between.
          while (true) {
            ScheduleRecord existing = select(connection, schedule.name());
            if (existing == null) {
              ScheduleRecord created =
                  schedule.toBuilder().createdAt(now).updatedAt(now).version(1).build();
              if (insert(connection, created)) {
                return created;
              }
            } else if (existing.sameDefinition(schedule)) {
              return existing;
            } else {
              ScheduleRecord redefined =
                  schedule.toBuilder()
                      .runCount(existing.runCount())
                      .enabled(existing.enabled())
                      .lastRunAt(existing.lastRunAt())
                      .createdAt(existing.createdAt())
                      .updatedAt(now)
                      .version(existing.version() + 1)
                      .build();
              if (redefine(connection, redefined, existing.version())) {
                return redefined;
              }
            }
          }
        });
  }

  private boolean insert(Connection connection, ScheduleRecord schedule) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      ScheduleRows.bindAll(statement, schedule);
      return statement.executeUpdate() == 1;
    }
  }

  private static boolean redefine(Connection connection, ScheduleRecord s, long expectedVersion)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(REDEFINE)) {
      update.setString(1, s.kind().name());
      update.setString(2, s.expression());
      Sql.setString(update, 3, s.zone());
      update.setString(4, s.taskType());
      update.setString(5, s.payload());
      update.setString(6, s.queue());
      update.setInt(7, s.priority());
      update.setLong(8, s.maxRuns());
      Sql.setLong(update, 9, Times.microsOrNull(s.nextRunAt()));
      Sql.setString(update, 10, s.description());
      update.setString(11, s.misfirePolicy().name());
      update.setLong(12, Times.micros(s.updatedAt()));
      update.setLong(13, s.version());
      update.setString(14, s.name());
      update.setLong(15, expectedVersion);
      return update.executeUpdate() == 1;
    }
  }

  @Override
  public Optional<ScheduleRecord> get(String name) {
    return db.read(
        "reading schedule '" + name + "'",
        connection -> Optional.ofNullable(select(connection, name)));
  }

  private static ScheduleRecord select(Connection connection, String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? ScheduleRows.map(row) : null;
      }
    }
  }

  @Override
  public List<ScheduleRecord> list(boolean enabledOnly) {
    String statement = SELECT + (enabledOnly ? " WHERE enabled = ?" : "") + " ORDER BY name";
    return db.read(
        "listing schedules",
        connection -> {
          List<ScheduleRecord> schedules = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(statement)) {
            if (enabledOnly) {
              select.setBoolean(1, true);
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                schedules.add(ScheduleRows.map(rows));
              }
            }
          }
          return schedules;
        });
  }

  @Override
  public boolean delete(String name) {
    return db.write(
        "deleting schedule '" + name + "'",
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?")) {
            delete.setString(1, name);
            return delete.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean advance(ScheduleRecord updated, long expectedVersion, List<NewTask> newTasks) {
    Instant now = clock.instant();
    boolean won =
        db.write(
            "advancing schedule '" + updated.name() + "'",
            connection -> {
              try (PreparedStatement update = connection.prepareStatement(ADVANCE)) {
                update.setBoolean(1, updated.enabled());
                update.setLong(2, updated.runCount());
                Sql.setLong(update, 3, Times.microsOrNull(updated.lastRunAt()));
                Sql.setLong(update, 4, Times.microsOrNull(updated.nextRunAt()));
                update.setLong(5, Times.micros(now));
                update.setLong(6, expectedVersion + 1);
                update.setString(7, updated.name());
                update.setLong(8, expectedVersion);
                if (update.executeUpdate() != 1) {
                  return false;
                }
              }
              tasks.insert(connection, newTasks, now);
              return true;
            });
    if (won && !newTasks.isEmpty()) {
      tasks.wake();
    }
    return won;
  }
}
