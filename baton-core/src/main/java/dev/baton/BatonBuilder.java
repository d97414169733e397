package dev.baton;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.event.TaskListener;
import dev.baton.internal.DefaultBaton;
import dev.baton.internal.Json;
import dev.baton.internal.Settings;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures and starts a {@link Baton}. Every setting has a default, listed as a constant below;
 * setters check their argument at once and {@link #start()} checks the whole.
 */
public final class BatonBuilder {
  /** The backend when none is set: in memory, gone with the process. */
  public static final String DEFAULT_BACKEND = "memory:";

  /** Handlers that run at once. */
  public static final int DEFAULT_WORKERS = 16;

  /** The most tasks claimed per backend round trip. */
  public static final int DEFAULT_CLAIM_BATCH = 128;

  /** How long a claim's lease lasts before it must be renewed. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** How often expired leases are looked for. */
  public static final Duration DEFAULT_REAPER_PERIOD = Duration.ofSeconds(5);

  /** How long running handlers may finish during a shutdown before they are interrupted. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /**
   * The longest idle workers wait before looking again; it bounds how late a task enqueued by
   * another process is seen on a backend without cross-process wake-ups.
   */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

  /** How often expired key-value entries are swept. */
  public static final Duration DEFAULT_KV_SWEEP_PERIOD = Duration.ofMinutes(1);

  /**
   * How long finished tasks (SUCCEEDED, FAILED, CANCELED) are kept before they are deleted: a day,
   * long enough to look back over the last day in a dashboard and for callers to read results,
   * short enough that a long-running node's store stops growing with every task it ever ran (and,
   * on the memory backend, that the garbage collector stops copying them). At a sustained 1,000
   * tasks/s a day is still 86 million tasks; set it shorter for high rates on the memory backend.
   */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  /** How often finished tasks older than the retention are deleted. */
  public static final Duration DEFAULT_PURGE_PERIOD = Duration.ofMinutes(1);

  /** How late a schedule tick may fire before it counts as missed (see the misfire policies). */
  public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(5);

  /** The most missed ticks a FIRE_ALL schedule fires after downtime. */
  public static final int DEFAULT_MAX_CATCH_UP = 100;

  /** The shortest period an interval schedule may have. */
  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);

  /** The largest payload, in bytes of JSON. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  /** Retries when none is set: 1 s, 2 s, 4 s ... capped at 5 minutes, 5 retries, 10 % jitter. */
  public static final RetryPolicy DEFAULT_RETRY =
      RetryPolicy.exponential(Duration.ofSeconds(1), 2.0).maxDelay(Duration.ofMinutes(5));

  private String backendUrl = DEFAULT_BACKEND;
  private TaskStore store;
  private final Map<String, TaskType<?>> types = new LinkedHashMap<>();
  private final Map<String, TaskHandler<?>> handlers = new LinkedHashMap<>();
  private final Set<String> queues = new LinkedHashSet<>();
  private int workers = DEFAULT_WORKERS;
  private int claimBatch = DEFAULT_CLAIM_BATCH;
  private Duration lease = DEFAULT_LEASE;
  private Duration reaperPeriod = DEFAULT_REAPER_PERIOD;
  private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
  private Duration pollInterval = DEFAULT_POLL_INTERVAL;
  private Duration kvSweepPeriod = DEFAULT_KV_SWEEP_PERIOD;
  private Duration retention = DEFAULT_RETENTION;
  private Duration purgePeriod = DEFAULT_PURGE_PERIOD;
  private boolean runScheduler = true;
  private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;
  private int maxCatchUp = DEFAULT_MAX_CATCH_UP;
  private Duration minInterval = DEFAULT_MIN_INTERVAL;
  private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
  private RetryPolicy retry = DEFAULT_RETRY;
  private InstantSource clock = InstantSource.system();
  private String nodeId;
  private ObjectMapper objectMapper;
  private final List<TaskListener> listeners = new ArrayList<>();

  BatonBuilder() {}

  /**
   * Picks the backend by URL: {@code memory:}, {@code sqlite:PATH}, and whatever other backend
   * modules on the class path add. The URL is checked at {@link #start()}.
   *
   * @param url the backend URL
   * @return this builder
   * @throws NullPointerException if the URL is null
   */
  public BatonBuilder backend(String url) {
    this.backendUrl = Objects.requireNonNull(url, "url");
    this.store = null;
    return this;
  }

  /**
   * Uses a store that is already open, such as one shared by several instances in a test. The
   * instance does not close it.
   *
   * @param store the open store
   * @return this builder
   * @throws NullPointerException if the store is null
   */
  public BatonBuilder backend(TaskStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Runs tasks of {@code type} with {@code handler} on this instance's workers.
   *
   * @param type the task type
   * @param handler the handler
   * @param <T> the payload type
   * @return this builder
   * @throws NullPointerException if the type or handler is null
   * @throws IllegalArgumentException if a handler for this type name is already set
   */
  public <T> BatonBuilder handle(TaskType<T> type, TaskHandler<T> handler) {
    Objects.requireNonNull(type, "type");
    if (handler == null) {
      throw new NullPointerException("handler for task type '" + type.name() + "' is null");
    }
    if (handlers.containsKey(type.name())) {
      throw new IllegalArgumentException(
          "a handler for task type '" + type.name() + "' is already registered");
    }
    register(type);
    handlers.put(type.name(), handler);
    return this;
  }

  /**
   * Makes a type known without handling it here, so that tasks of it can be enqueued by name (REST,
   * CLI) and checked against its payload class. Tasks of a type no local handler runs stay queued
   * for a node that handles it.
   *
   * @param type the task type
   * @return this builder
   * @throws IllegalArgumentException if another descriptor with the same name is registered
   */
  public BatonBuilder register(TaskType<?> type) {
    Objects.requireNonNull(type, "type");
    TaskType<?> known = types.putIfAbsent(type.name(), type);
    if (known != null && !known.equals(type)) {
      throw new IllegalArgumentException(
          "task type '" + type.name() + "' is already registered as " + known + ", not " + type);
    }
    return this;
  }

  /**
   * The queues this instance's workers take from. Default: the queues of the handled types.
   *
   * @param names queue names
   * @return this builder
   * @throws IllegalArgumentException if a name is malformed
   */
  public BatonBuilder queues(String... names) {
    for (String name : names) {
      TaskType.requireName("queue", name);
      queues.add(name);
    }
    return this;
  }

  /**
   * How many handlers run at once; 0 makes a producer-only instance.
   *
   * @param workers 0 to 10,000
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public BatonBuilder workers(int workers) {
    if (workers < 0 || workers > 10_000) {
      throw new IllegalArgumentException("workers must be between 0 and 10000 but was " + workers);
    }
    this.workers = workers;
    return this;
  }

  /**
   * The most tasks claimed per backend round trip.
   *
   * @param claimBatch 1 to 10,000
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public BatonBuilder claimBatch(int claimBatch) {
    if (claimBatch < 1 || claimBatch > 10_000) {
      throw new IllegalArgumentException(
          "claimBatch must be between 1 and 10000 but was " + claimBatch);
    }
    this.claimBatch = claimBatch;
    return this;
  }

  /**
   * The lease length. Leases are renewed every third of it while handlers run; a dead node's tasks
   * come back within lease plus reaper period.
   *
   * @param lease at least 1 second
   * @return this builder
   * @throws IllegalArgumentException if shorter than 1 second
   */
  public BatonBuilder lease(Duration lease) {
    this.lease = atLeast("lease", lease, Duration.ofSeconds(1));
    return this;
  }

  /**
   * How often expired leases are looked for.
   *
   * @param period at least 10 ms
   * @return this builder
   * @throws IllegalArgumentException if shorter than 10 ms
   */
  public BatonBuilder reaperPeriod(Duration period) {
    this.reaperPeriod = atLeast("reaperPeriod", period, Duration.ofMillis(10));
    return this;
  }

  /**
   * How long running handlers may finish during a shutdown.
   *
   * @param grace zero or more
   * @return this builder
   * @throws IllegalArgumentException if negative
   */
  public BatonBuilder shutdownGrace(Duration grace) {
    this.shutdownGrace = atLeast("shutdownGrace", grace, Duration.ZERO);
    return this;
  }

  /**
   * The longest idle wait before workers look for tasks again.
   *
   * @param interval at least 1 ms
   * @return this builder
   * @throws IllegalArgumentException if shorter than 1 ms
   */
  public BatonBuilder pollInterval(Duration interval) {
    this.pollInterval = atLeast("pollInterval", interval, Duration.ofMillis(1));
    return this;
  }

  /**
   * How often expired key-value entries are swept.
   *
   * @param period at least 10 ms
   * @return this builder
   * @throws IllegalArgumentException if shorter than 10 ms
   */
  public BatonBuilder kvSweepPeriod(Duration period) {
    this.kvSweepPeriod = atLeast("kvSweepPeriod", period, Duration.ofMillis(10));
    return this;
  }

  /**
   * How long finished tasks (SUCCEEDED, FAILED, CANCELED) are kept, counted from their finish time;
   * older ones are deleted every {@link #purgePeriod(Duration)}, by every instance on the backend.
   * A deleted task reads as absent ({@code task(id)} finds nothing) and its id can be enqueued
   * again. Waiting and running tasks are never deleted. To keep finished tasks for good, pass
   * {@link java.time.temporal.ChronoUnit#FOREVER}'s duration.
   *
   * @param retention at least 1 second
   * @return this builder
   * @throws NullPointerException if null
   * @throws IllegalArgumentException if shorter than 1 second
   */
  public BatonBuilder retention(Duration retention) {
    this.retention = atLeast("retention", retention, Duration.ofSeconds(1));
    return this;
  }

  /**
   * How often finished tasks older than the {@link #retention(Duration)} are deleted.
   *
   * @param period at least 10 ms
   * @return this builder
   * @throws NullPointerException if null
   * @throws IllegalArgumentException if shorter than 10 ms
   */
  public BatonBuilder purgePeriod(Duration period) {
    this.purgePeriod = atLeast("purgePeriod", period, Duration.ofMillis(10));
    return this;
  }

  /**
   * Whether this instance fires schedule ticks. Default true; any number of instances may, since
   * each tick fires once across all of them.
   *
   * @param enabled false for an instance that only enqueues or only runs tasks
   * @return this builder
   */
  public BatonBuilder runScheduler(boolean enabled) {
    this.runScheduler = enabled;
    return this;
  }

  /**
   * How late a schedule tick may fire before it counts as missed and its misfire policy applies.
   *
   * @param threshold at least 1 ms
   * @return this builder
   * @throws IllegalArgumentException if shorter than 1 ms
   */
  public BatonBuilder misfireThreshold(Duration threshold) {
    this.misfireThreshold = atLeast("misfireThreshold", threshold, Duration.ofMillis(1));
    return this;
  }

  /**
   * The most missed ticks a FIRE_ALL schedule fires after downtime; the rest are skipped.
   *
   * @param ticks 1 to 100,000
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public BatonBuilder maxCatchUp(int ticks) {
    if (ticks < 1 || ticks > 100_000) {
      throw new IllegalArgumentException(
          "maxCatchUp must be between 1 and 100000 but was " + ticks);
    }
    this.maxCatchUp = ticks;
    return this;
  }

  /**
   * The shortest period an interval schedule may have; {@link dev.baton.schedule.Schedules#upsert}
   * refuses a shorter one, so that a typo cannot flood a queue with thousands of tasks a minute.
   * Schedules stored before a raise keep firing at their period.
   *
   * @param floor at least 1 ms
   * @return this builder
   * @throws IllegalArgumentException if shorter than 1 ms
   */
  public BatonBuilder minInterval(Duration floor) {
    this.minInterval = atLeast("minInterval", floor, Duration.ofMillis(1));
    return this;
  }

  /**
   * The largest payload accepted, in UTF-8 bytes of compact JSON. Default {@link
   * #DEFAULT_MAX_PAYLOAD_BYTES} (1 MiB, 1,048,576 bytes); an enqueue or schedule with a larger one
   * is refused with a {@link PayloadTooLargeException}.
   *
   * @param bytes at least 1
   * @return this builder
   * @throws IllegalArgumentException if below 1
   */
  public BatonBuilder maxPayloadBytes(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxPayloadBytes must be >= 1 but was " + bytes);
    }
    this.maxPayloadBytes = bytes;
    return this;
  }

  /**
   * The retry policy this node stores with the tasks it enqueues when neither the enqueue nor the
   * task type sets one (see {@link TaskType} for the order), and the one it applies to a task
   * stored without a policy (by a version before policies were stored with tasks). The waits of a
   * task stored with a policy follow that policy on every node, whatever this one says.
   *
   * @param policy the policy
   * @return this builder
   * @throws NullPointerException if null
   */
  public BatonBuilder retry(RetryPolicy policy) {
    this.retry = Objects.requireNonNull(policy, "retry");
    return this;
  }

  /**
   * The clock for run-at times, leases and expiry (on backends that take the caller's clock).
   *
   * @param clock the clock; an {@link AdjustableClock} also wakes the engine when adjusted
   * @return this builder
   * @throws NullPointerException if null
   */
  public BatonBuilder clock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * This node's id, stored as lease owner. Default: host name, process id and a random suffix.
   *
   * @param nodeId 1 to 100 characters
   * @return this builder
   * @throws IllegalArgumentException if blank or too long
   */
  public BatonBuilder nodeId(String nodeId) {
    if (nodeId == null || nodeId.isBlank() || nodeId.length() > 100) {
      throw new IllegalArgumentException(
          "nodeId must be 1-100 characters but was '" + nodeId + "'");
    }
    this.nodeId = nodeId;
    return this;
  }

  /**
   * The Jackson mapper for payloads, results, state and values. Default: one with Java time support
   * that refuses unknown properties and nulls for primitives. Payloads given as JSON text (by type
   * name, over REST, in schedules) are bound by a copy of it that coerces no scalar: a JSON value
   * binds only to a Java type of its own kind ({@code "3"} is not an {@code int}, {@code 5} not a
   * {@code String}, {@code 1.7} not an {@code int}, {@code 1} not a {@code boolean}), and a
   * non-finite {@code double} or {@code float} is refused.
   *
   * @param mapper the mapper
   * @return this builder
   * @throws NullPointerException if null
   */
  public BatonBuilder objectMapper(ObjectMapper mapper) {
    this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
    return this;
  }

  /**
   * Adds a listener for engine events (metrics, logs).
   *
   * @param listener the listener
   * @return this builder
   * @throws NullPointerException if null
   */
  public BatonBuilder listener(TaskListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Opens the backend and starts the workers.
   *
   * @return the running instance
   * @throws IllegalArgumentException if the backend URL is unknown or malformed (the message names
   *     it with its password masked and lists the known schemes)
   * @throws IllegalStateException if the settings contradict each other
   * @throws dev.baton.spi.StoreException if the backend cannot be reached
   */
  public Baton start() {
    if (reaperPeriod.compareTo(lease) > 0) {
      throw new IllegalStateException(
          "reaperPeriod (" + reaperPeriod + ") must not exceed the lease (" + lease + ")");
    }
    Set<String> served = new LinkedHashSet<>(queues);
    if (served.isEmpty()) {
      handlers.keySet().forEach(name -> served.add(types.get(name).queue()));
    }
    Settings settings =
        Settings.builder()
            .backendUrl(backendUrl)
            .store(store)
            .types(Map.copyOf(types))
            .handlers(Map.copyOf(handlers))
            .queues(Set.copyOf(served))
            .workers(workers)
            .claimBatch(claimBatch)
            .lease(lease)
            .reaperPeriod(reaperPeriod)
            .shutdownGrace(shutdownGrace)
            .pollInterval(pollInterval)
            .kvSweepPeriod(kvSweepPeriod)
            .retention(retention)
            .purgePeriod(purgePeriod)
            .runScheduler(runScheduler)
            .misfireThreshold(misfireThreshold)
            .maxCatchUp(maxCatchUp)
            .minInterval(minInterval)
            .maxPayloadBytes(maxPayloadBytes)
            .retry(retry)
            .clock(clock)
            .nodeId(nodeId == null ? Settings.defaultNodeId() : nodeId)
            .mapper(objectMapper == null ? Json.defaultMapper() : objectMapper)
            .listeners(List.copyOf(listeners))
            .build();
    return DefaultBaton.start(settings);
  }

  private static Duration atLeast(String name, Duration value, Duration min) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0) {
      throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
    }
    return value;
  }
}
