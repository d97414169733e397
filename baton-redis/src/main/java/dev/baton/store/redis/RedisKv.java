package dev.baton.store.redis;

import dev.baton.spi.KvEntry;
import dev.baton.spi.KvStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Key-value entries on native Redis keys. With the server's clock each entry carries a native TTL
 * (PEXPIREAT), so Redis drops it on time by itself; with a caller's clock (tests) expiry is the
 * stored deadline, checked on every read and swept.
 */
final class RedisKv implements KvStore {
  private final RedisStore store;

  RedisKv(RedisStore store) {
    this.store = store;
  }

  private <T> T run(ScriptOutputType output, String... args) {
    return store.link().run(Script.KV, output, args);
  }

  @Override
  public void set(String key, String json, Instant expiresAt) {
    run(
        ScriptOutputType.INTEGER,
        store.now(),
        "set",
        key,
        json,
        expiresAt == null ? "" : TaskCodec.micros(expiresAt),
        store.callerClock() ? "0" : "1");
  }

  @Override
  public Optional<String> get(String key) {
    String value = run(ScriptOutputType.VALUE, store.now(), "get", key);
    return Optional.ofNullable(value);
  }

  @Override
  public boolean delete(String key) {
    Long deleted = run(ScriptOutputType.INTEGER, store.now(), "delete", key);
    return deleted == 1L;
  }

  @Override
  public List<String> keys(String prefix) {
    List<Object> reply = run(ScriptOutputType.MULTI, store.now(), "keys", prefix);
    List<String> keys = new ArrayList<>(reply.size());
    for (Object key : reply) {
      keys.add((String) key);
    }
    return keys;
  }

  @Override
  public List<KvEntry> scan(String afterKey, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    List<Object> reply =
        run(
            ScriptOutputType.MULTI,
            store.now(),
            "scan",
            afterKey == null ? "" : afterKey,
            Integer.toString(limit));
    List<KvEntry> page = new ArrayList<>();
    for (int i = 0; i + 2 < reply.size() && page.size() < limit; i += 3) {
      String expires = (String) reply.get(i + 2);
      page.add(
          new KvEntry(
              (String) reply.get(i),
              (String) reply.get(i + 1),
              expires.isEmpty() ? null : TaskCodec.instant(expires)));
    }
    return page;
  }

  @Override
  public long size() {
    Long size = run(ScriptOutputType.INTEGER, store.now(), "size");
    return size;
  }

  @Override
  public void clear() {
    run(ScriptOutputType.INTEGER, store.now(), "clear");
  }

  @Override
  public int sweep() {
    Long swept = run(ScriptOutputType.INTEGER, store.now(), "sweep");
    return swept.intValue();
  }
}
