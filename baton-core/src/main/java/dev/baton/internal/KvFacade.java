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
    kv.set(checkKey(key), json.write(value, "value of '" + key + "'"), null);
  }

  @Override
  public void set(String key, Object value, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive but was " + ttl + " (key '" + key + "')");
    }
    kv.set(checkKey(key), json.write(value, "value of '" + key + "'"), clock.instant().plus(ttl));
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
    return kv.delete(checkKey(key));
  }

  @Override
  public List<String> keys(String prefix) {
    return kv.keys(Objects.requireNonNull(prefix, "prefix"));
  }

  @Override
  public long size() {
    return kv.size();
  }

  @Override
  public void clear() {
    kv.clear();
  }

  private static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must be 1-" + MAX_KEY_LENGTH + " characters but was "
              + (key == null ? "null" : key.length() + " characters"));
    }
    return key;
  }
}
