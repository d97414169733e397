package dev.baton.store.jdbc;

import dev.baton.spi.KvEntry;
import dev.baton.spi.KvStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Key-value entries in one table with an expiry column. Every read filters out what expired by the
 * caller's clock, so an entry is gone at its expiry whether or not the sweeper has run.
 */
final class JdbcKv implements KvStore {
  private static final String TABLE = "baton_kv";
  private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

  private final Database db;
  private final InstantSource clock;
  private final String upsert;

  JdbcKv(Database db, InstantSource clock) {
    this.db = db;
    this.clock = clock;
    this.upsert =
        db.dialect().upsert(TABLE, List.of("entry_key", "entry_value", "expires_at"), "entry_key");
  }

  @Override
  public void set(String key, String json, Instant expiresAt) {
    db.write(
        "storing key-value entry '" + key + "'",
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(upsert)) {
            insert.setString(1, key);
            insert.setString(2, json);
            Sql.setLong(insert, 3, Times.microsOrNull(expiresAt));
            return insert.executeUpdate();
          }
        });
  }

  @Override
  public Optional<String> get(String key) {
    long now = now();
    return db.read(
        "reading key-value entry '" + key + "'",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT entry_value FROM " + TABLE + " WHERE entry_key = ? AND " + LIVE)) {
            select.setString(1, key);
            select.setLong(2, now);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean delete(String key) {
    long now = now();
    return db.write(
        "deleting key-value entry '" + key + "'",
        connection -> {
          boolean live;
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM " + TABLE + " WHERE entry_key = ? AND " + LIVE)) {
            delete.setString(1, key);
            delete.setLong(2, now);
            live = delete.executeUpdate() == 1;
          }
          if (!live) {
            // An expired entry goes too, but deleting it does not count as removing a live one.
            try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM " + TABLE + " WHERE entry_key = ?")) {
              delete.setString(1, key);
              delete.executeUpdate();
            }
          }
          return live;
        });
  }

  @Override
  public List<String> keys(String prefix) {
    long now = now();
    String upper = successor(prefix);
    String range =
        (prefix.isEmpty() ? "" : " AND entry_key >= ?")
            + (upper == null ? "" : " AND entry_key < ?");
    return db.read(
        "listing key-value keys",
        connection -> {
          List<String> keys = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT entry_key FROM "
                      + TABLE
                      + " WHERE "
                      + LIVE
                      + range
                      + " ORDER BY entry_key")) {
            int next = 1;
            select.setLong(next++, now);
            if (!prefix.isEmpty()) {
              select.setString(next++, prefix);
            }
            if (upper != null) {
              select.setString(next, upper);
            }
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                String key = rows.getString(1);
                if (key.startsWith(prefix)) {
                  keys.add(key);
                }
              }
            }
          }
          // The database sorts by UTF-8 bytes; Java's order differs past U+FFFF, and callers expect
          // String order.
          keys.sort(Comparator.naturalOrder());
          return keys;
        });
  }

  @Override
  public List<KvEntry> scan(String afterKey, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    long now = now();
    String after = afterKey == null ? "" : " AND entry_key > ?";
    return db.read(
        "reading key-value entries",
        connection -> {
          List<KvEntry> page = new ArrayList<>(Math.min(limit, 1024));
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT entry_key, entry_value, expires_at FROM "
                      + TABLE
                      + " WHERE "
                      + LIVE
                      + after
                      + " ORDER BY entry_key LIMIT ?")) {
            int next = 1;
            select.setLong(next++, now);
            if (afterKey != null) {
              select.setString(next++, afterKey);
            }
            select.setInt(next, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                page.add(
                    new KvEntry(
                        rows.getString(1),
                        rows.getString(2),
                        Times.instantOrNull(Sql.getLong(rows, 3))));
              }
            }
          }
          return page;
        });
  }

  /**
   * The smallest string above every string that starts with {@code prefix}, in code-point order
   * (which is also UTF-8 byte order, the order of a binary collation); null when there is none. A
   * range scan between the two is a literal prefix match with no LIKE wildcards to escape.
   */
  static String successor(String prefix) {
    int[] codePoints = prefix.codePoints().toArray();
    for (int i = codePoints.length - 1; i >= 0; i--) {
      int next = codePoints[i] + 1;
      if (next == Character.MIN_SURROGATE) {
        next = Character.MAX_SURROGATE + 1;
      }
      if (next <= Character.MAX_CODE_POINT) {
        codePoints[i] = next;
        return new String(codePoints, 0, i + 1);
      }
    }
    return null;
  }

  @Override
  public long size() {
    long now = now();
    return db.read(
        "counting key-value entries",
        connection -> {
          try (PreparedStatement count =
              connection.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE " + LIVE)) {
            count.setLong(1, now);
            try (ResultSet row = count.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  @Override
  public void clear() {
    db.write(
        "deleting every key-value entry",
        connection -> {
          Dialect.execute(connection, "DELETE FROM " + TABLE);
          return null;
        });
  }

  @Override
  public int sweep() {
    long now = now();
    return db.write(
        "sweeping expired key-value entries",
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM " + TABLE + " WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
            delete.setLong(1, now);
            return delete.executeUpdate();
          }
        });
  }

  private long now() {
    return Times.micros(clock.instant());
  }
}
