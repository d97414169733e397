package dev.baton.internal;

import dev.baton.KeyValueStore;
import dev.baton.spi.KvStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The typed key-value API over the backend's JSON key-value SPI. */
final class KvFacade implements KeyValueStore {
  private final KvStore kv;
  private final Json json;
  private final InstantSource clock;

  KvFacade(KvStore kv, Json json, InstantSource clock) {
    this.kv = kv;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void set(String key, Object value) {
    kv.set(checkWritable(key), json.write(value, "value of '" + key + "'"), null);
  }

  @Override
  public void set(String key, Object value, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(
          "ttl must be positive but was " + ttl + " (key '" + key + "')");
    }
    kv.set(
        checkWritable(key), json.write(value, "value of '" + key + "'"), clock.instant().plus(ttl));
  }

  @Override
  public <V> Optional<V> get(String key, Class<V> type) {
    return kv.get(checkKey(key)).map(text -> json.read(text, type, "value of '" + key + "'"));
  }

  @Override
  public Optional<String> getJson(String key) {
    return kv.get(checkKey(key));
  }

  @Override
  public boolean delete(String key) {
    return kv.delete(checkWritable(key));
  }

  @Override
  public List<String> keys(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.startsWith(QueuePauses.RESERVED)) {
      return List.of();
    }
    List<String> keys = kv.keys(prefix);
    if (!QueuePauses.RESERVED.startsWith(prefix)) {
      return keys;
    }
    return keys.stream().filter(key -> !key.startsWith(QueuePauses.RESERVED)).toList();
  }

  @Override
  public long size() {
    return kv.size() - kv.keys(QueuePauses.RESERVED).size();
  }

  /** Removes the user's entries; Baton's own (paused queues, node heartbeats) stay. */
  @Override
  public void clear() {
    if (kv.keys(QueuePauses.RESERVED).isEmpty()) {
      kv.clear();
      return;
    }
    for (String key : keys("")) {
      kv.delete(key);
    }
  }

  private static String checkWritable(String key) {
    checkKey(key);
    if (Text.hasControl(key)) {
      throw new IllegalArgumentException(
          "key must not contain control characters but was '" + Text.escapeControl(key) + "'");
    }
    if (key.startsWith(QueuePauses.RESERVED)) {
      throw new IllegalArgumentException(
          "keys starting with '"
              + QueuePauses.RESERVED
              + "' are reserved for Baton but was '"
              + key
              + "'");
    }
    return key;
  }

  private static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must be 1-"
              + MAX_KEY_LENGTH
              + " characters but was "
              + (key == null ? "null" : key.length() + " characters"));
    }
    return key;
  }
}
