package dev.baton;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a task: a non-blank string of at most {@value #MAX_LENGTH} characters.
 *
 * <p>Ids made by {@link #random()} are time-ordered UUIDv7 strings, so they sort roughly by
 * creation time in every backend's index. Callers may choose their own id to make an enqueue
 * idempotent.
 *
 * @param value the id as stored
 */
public record TaskId(String value) implements Comparable<TaskId> {
  /** The longest id any backend accepts. */
  public static final int MAX_LENGTH = 200;

  /**
   * Checks the id.
   *
   * @throws IllegalArgumentException if {@code value} is null, blank or longer than {@value
   *     #MAX_LENGTH}
   */
  public TaskId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("task id must not be blank but was '" + value + "'");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "task id must be at most " + MAX_LENGTH + " characters but was " + value.length());
    }
  }

  /**
   * Wraps a string as a task id.
   *
   * @param value the id
   * @return the id
   * @throws IllegalArgumentException if {@code value} is blank or too long
   */
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  /**
   * Makes a fresh id, unique with overwhelming probability and ordered by creation time.
   *
   * @return a new UUIDv7 id
   */
  public static TaskId random() {
    return new TaskId(Uuid7.next().toString());
  }

  @Override
  public int compareTo(TaskId other) {
    return value.compareTo(Objects.requireNonNull(other, "other").value);
  }

  @Override
  public String toString() {
    return value;
  }

  /** UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
  static final class Uuid7 {
    private Uuid7() {}

    static UUID next() {
      var random = java.util.concurrent.ThreadLocalRandom.current();
      long millis = System.currentTimeMillis();
      long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
      long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(high, low);
    }
  }
}
