package dev.baton.store.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Small JDBC helpers: placeholder lists and null-aware binding and reading. */
final class Sql {
  private Sql() {}

  static String placeholders(int count) {
    return count == 0 ? "" : "?" + ", ?".repeat(count - 1);
  }

  static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  static void setString(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** Binds the strings from {@code index} on; returns the next free index. */
  static int setStrings(PreparedStatement statement, int index, Collection<String> values)
      throws SQLException {
    for (String value : values) {
      statement.setString(index++, value);
    }
    return index;
  }

  /** One flag per statement of an executed batch: true where it changed exactly one row. */
  static List<Boolean> applied(int[] counts) {
    List<Boolean> applied = new ArrayList<>(counts.length);
    for (int count : counts) {
      applied.add(count == 1);
    }
    return applied;
  }

  static Long getLong(ResultSet row, int column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
