package dev.baton.store.memory;

import dev.baton.spi.KvEntry;
import dev.baton.spi.KvStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Key-value entries in a sorted map, so prefix listing is a range scan. */
final class MemoryKv implements KvStore {
  private record Value(String json, Instant expiresAt) {
    boolean live(Instant now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }
  }

  private final InstantSource clock;
  private final TreeMap<String, Value> entries = new TreeMap<>();

  MemoryKv(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void set(String key, String json, Instant expiresAt) {
    entries.put(key, new Value(json, expiresAt));
  }

  @Override
  public synchronized Optional<String> get(String key) {
    Value value = entries.get(key);
    return value != null && value.live(clock.instant())
        ? Optional.of(value.json())
        : Optional.empty();
  }

  @Override
  public synchronized boolean delete(String key) {
    Value removed = entries.remove(key);
    return removed != null && removed.live(clock.instant());
  }

  @Override
  public synchronized List<String> keys(String prefix) {
    Instant now = clock.instant();
    List<String> keys = new ArrayList<>();
    Map<String, Value> range = prefix.isEmpty() ? entries : entries.tailMap(prefix, true);
    for (Map.Entry<String, Value> entry : range.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        break;
      }
      if (entry.getValue().live(now)) {
        keys.add(entry.getKey());
      }
    }
    return keys;
  }

  @Override
  public synchronized List<KvEntry> scan(String afterKey, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    Instant now = clock.instant();
    List<KvEntry> page = new ArrayList<>(Math.min(limit, 1024));
    Map<String, Value> range = afterKey == null ? entries : entries.tailMap(afterKey, false);
    for (Map.Entry<String, Value> entry : range.entrySet()) {
      if (page.size() == limit) {
        break;
      }
      Value value = entry.getValue();
      if (value.live(now)) {
        page.add(new KvEntry(entry.getKey(), value.json(), value.expiresAt()));
      }
    }
    return page;
  }

  @Override
  public synchronized long size() {
    Instant now = clock.instant();
    return entries.values().stream().filter(v -> v.live(now)).count();
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }

  @Override
  public synchronized int sweep() {
    Instant now = clock.instant();
    int removed = 0;
    for (Iterator<Value> it = entries.values().iterator(); it.hasNext(); ) {
      if (!it.next().live(now)) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }
}
