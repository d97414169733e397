package dev.baton.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One key-value entry as a backend holds it, for export ({@link KvStore#scan}).
 *
 * @param key the key
 * @param json the value, a JSON document
 * @param expiresAt when the entry expires, or null if never
 */
public record KvEntry(String key, String json, Instant expiresAt) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if {@code key} or {@code json} is null
   */
  public KvEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
  }
}
