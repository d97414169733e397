package dev.baton;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Baton#fetch(Fetch)} takes: from which queues, of which task types, how many tasks at
 * most, how long to wait for the first, and whether the instance renews their leases.
 *
 * <pre>{@code
 * List<LeasedTask> tasks = baton.fetch(Fetch.builder()
 *     .types(SEND_EMAIL)                // its name, and its queue since no queue is named
 *     .max(10)
 *     .timeout(Duration.ofSeconds(5))
 *     .build());
 * }</pre>
 *
 * @param queues the queues to take from; empty means the instance's queues ({@link
 *     BatonBuilder#queues}, else the queues of its handled types), else the queues of every type it
 *     knows
 * @param types the task type names to take; empty means every type the instance knows (registered
 *     or handled). A backend claims by type name, so a fetch never takes "any type": name the types
 *     here or register them on the builder
 * @param max the most tasks to return, 1 to {@link #MAX_TASKS}
 * @param timeout how long to wait when no task is ready; zero looks once
 * @param renewLeases true (the default) to have the instance renew the leases while the tasks are
 *     held; false to leave that to {@link LeasedTask#extend}
 */
public record Fetch(
    Set<String> queues, Set<String> types, int max, Duration timeout, boolean renewLeases) {
  /** The most tasks one fetch may return. */
  public static final int MAX_TASKS = 10_000;

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if a name is malformed, {@code max} is out of range or the
   *     timeout is negative
   */
  public Fetch {
    queues = Set.copyOf(queues);
    types = Set.copyOf(types);
    queues.forEach(TaskType::checkQueueName);
    types.forEach(name -> TaskType.requireName("type", name));
    if (max < 1 || max > MAX_TASKS) {
      throw new IllegalArgumentException(
          "max must be between 1 and " + MAX_TASKS + " but was " + max);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
    }
  }

  /**
   * Starts a fetch: the instance's queues and known types, one task, no wait, leases renewed.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Fetch}; each setter checks its argument at once. */
  public static final class Builder {
    private final Set<String> queues = new LinkedHashSet<>();
    private final Set<String> types = new LinkedHashSet<>();
    private final Set<String> typeQueues = new LinkedHashSet<>();
    private int max = 1;
    private Duration timeout = Duration.ZERO;
    private boolean renewLeases = true;

    private Builder() {}

    /**
     * Adds queues to take from.
     *
     * @param names queue names
     * @return this builder
     * @throws NullPointerException if a name is null
     * @throws IllegalArgumentException if a name is malformed
     */
    public Builder queues(String... names) {
      for (String name : names) {
        queues.add(TaskType.checkQueueName(name));
      }
      return this;
    }

    /**
     * Adds task types to take, by name.
     *
     * @param names type names
     * @return this builder
     * @throws NullPointerException if a name is null
     * @throws IllegalArgumentException if a name is malformed
     */
    public Builder types(String... names) {
      for (String name : names) {
        TaskType.requireName("type", name);
        types.add(name);
      }
      return this;
    }

    /**
     * Adds task types to take; when no queue is named with {@link #queues}, the fetch takes from
     * these types' default queues.
     *
     * @param types the types
     * @return this builder
     * @throws NullPointerException if a type is null
     */
    public Builder types(TaskType<?>... types) {
      for (TaskType<?> type : Arrays.asList(types)) {
        Objects.requireNonNull(type, "type");
        this.types.add(type.name());
        typeQueues.add(type.queue());
      }
      return this;
    }

    /**
     * The most tasks to return. Default 1.
     *
     * @param max 1 to {@link #MAX_TASKS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder max(int max) {
      if (max < 1 || max > MAX_TASKS) {
        throw new IllegalArgumentException(
            "max must be between 1 and " + MAX_TASKS + " but was " + max);
      }
      this.max = max;
      return this;
    }

    /**
     * How long to wait when no task is ready. Default zero: look once.
     *
     * @param timeout zero or more
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if negative
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must not be negative but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Whether the instance renews the fetched tasks' leases while they are held. Default true.
     * Without renewal a task must be settled, or {@link LeasedTask#extend extended}, before its
     * lease ({@link BatonBuilder#lease}) runs out.
     *
     * @param renew false to opt out
     * @return this builder
     */
    public Builder renewLeases(boolean renew) {
      this.renewLeases = renew;
      return this;
    }

    /**
     * Builds the fetch.
     *
     * @return the fetch
     */
    public Fetch build() {
      Set<String> from = queues.isEmpty() ? typeQueues : queues;
      return new Fetch(from, types, max, timeout, renewLeases);
    }
  }
}
