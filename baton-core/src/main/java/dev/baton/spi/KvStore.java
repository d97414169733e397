package dev.baton.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The key-value part of the backend SPI. Values are JSON text. An entry whose expiry is at or
 * before now is absent for every read, whether or not it was swept yet.
 */
public interface KvStore {
  /**
   * Stores or replaces an entry.
   *
   * @param key the key
   * @param json the value as JSON
   * @param expiresAt when it expires, or null for never
   * @throws StoreException if the backend fails
   */
  void set(String key, String json, Instant expiresAt);

  /**
   * Reads a live entry.
   *
   * @param key the key
   * @return the JSON, or empty if absent or expired
   * @throws StoreException if the backend fails
   */
  Optional<String> get(String key);

  /**
   * Removes an entry.
   *
   * @param key the key
   * @return true if a live entry was removed
   * @throws StoreException if the backend fails
   */
  boolean delete(String key);

  /**
   * Lists live keys starting with a prefix, sorted.
   *
   * @param prefix the prefix, empty for all; matched literally
   * @return the keys
   * @throws StoreException if the backend fails
   */
  List<String> keys(String prefix);

  /**
   * Reads live entries in key order for export, a page at a time: a caller starts with {@code null}
   * and passes the last key it got until a page comes back shorter than {@code limit}.
   *
   * @param afterKey the page starts after this key, exclusive; null starts at the first key
   * @param limit the most entries to return, at least 1
   * @return the entries with a key above {@code afterKey}, sorted by key, expired ones left out
   * @throws IllegalArgumentException if {@code limit} is below 1
   * @throws StoreException if the backend fails
   */
  List<KvEntry> scan(String afterKey, int limit);

  /**
   * Counts live entries.
   *
   * @return the count
   * @throws StoreException if the backend fails
   */
  long size();

  /**
   * Removes every entry.
   *
   * @throws StoreException if the backend fails
   */
  void clear();

  /**
   * Removes expired entries for good.
   *
   * @return how many were removed
   * @throws StoreException if the backend fails
   */
  int sweep();
}
