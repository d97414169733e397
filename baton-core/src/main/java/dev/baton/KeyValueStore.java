package dev.baton;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A key-value store shared by every node on a backend: cookies, tokens, small caches. Values are
 * JSON; an entry with a time to live disappears once it expires (enforced on read and swept in the
 * background).
 *
 * <p>Keys that start with {@value #RESERVED_PREFIX} belong to Baton itself (paused queues, node
 * heartbeats, migration cursors): this API leaves them out of {@link #keys} and {@link #size},
 * keeps them on {@link #clear}, and refuses to set or delete them.
 */
public interface KeyValueStore {
  /** The longest key accepted, in characters. */
  int MAX_KEY_LENGTH = 512;

  /** The prefix of the keys Baton keeps for itself. */
  String RESERVED_PREFIX = "_baton/";

  /**
   * Stores a value with no expiry, replacing any earlier one.
   *
   * @param key the key, 1 to {@value #MAX_KEY_LENGTH} characters
   * @param value any value Jackson can write
   * @throws IllegalArgumentException if the key is blank, too long or reserved, or the value cannot
   *     be written as JSON
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  void set(String key, Object value);

  /**
   * Stores a value that expires after {@code ttl}, replacing any earlier one.
   *
   * @param key the key
   * @param value any value Jackson can write
   * @param ttl time to live, positive
   * @throws IllegalArgumentException if the key is malformed or reserved, the ttl is not positive,
   *     or the value cannot be written as JSON
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  void set(String key, Object value, Duration ttl);

  /**
   * Reads a value.
   *
   * @param key the key
   * @param type the class to map the JSON to
   * @param <V> the value type
   * @return the value, or empty if absent or expired
   * @throws InvalidPayloadException if the stored JSON does not map to {@code type}
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  <V> Optional<V> get(String key, Class<V> type);

  /**
   * Reads a value as JSON text.
   *
   * @param key the key
   * @return the JSON, or empty if absent or expired
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  Optional<String> getJson(String key);

  /**
   * Removes a value.
   *
   * @param key the key
   * @return true if a live value was removed
   * @throws IllegalArgumentException if the key is malformed or reserved
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  boolean delete(String key);

  /**
   * Lists live keys that start with {@code prefix}, sorted, without reserved ones.
   *
   * @param prefix the prefix, empty for all
   * @return the keys
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  List<String> keys(String prefix);

  /**
   * Counts live entries.
   *
   * @return the number of entries that have not expired
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  long size();

  /**
   * Removes every entry but the reserved ones.
   *
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  void clear();
}
