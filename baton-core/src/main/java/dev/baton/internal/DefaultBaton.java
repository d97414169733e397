package dev.baton.internal;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Enqueued;
import dev.baton.InvalidPayloadException;
import dev.baton.KeyValueStore;
import dev.baton.TaskHandle;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.spi.NewTask;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.StoreContext;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one implementation of {@link Baton}. Internal: build instances with the builder. */
public final class DefaultBaton implements Baton {
  private static final Logger log = LoggerFactory.getLogger(DefaultBaton.class);

  private final Settings settings;
  private final TaskStore store;
  private final boolean ownsStore;
  private final Types types;
  private final Json json;
  private final KeyValueStore kv;
  private final Completions completions = new Completions();
  private final Listeners listeners;
  private final ScheduledThreadPoolExecutor timer;
  private final Engine engine;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultBaton(Settings settings, TaskStore store, boolean ownsStore) {
    this.settings = settings;
    this.store = store;
    this.ownsStore = ownsStore;
    this.types = new Types(settings.types(), settings.handlers());
    this.json = new Json(settings.mapper());
    this.listeners = new Listeners(settings.listeners());
    this.kv = store.capabilities().keyValue() ? new KvFacade(store.kv(), json, settings.clock()) : null;
    this.timer = new ScheduledThreadPoolExecutor(2, daemonThreads("baton-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.engine = new Engine(settings, store, types, json, kv, completions, listeners, timer);
  }

  /**
   * Opens the backend and starts the engine.
   *
   * @param settings the checked settings
   * @return the running instance
   */
  public static Baton start(Settings settings) {
    boolean owns = settings.store() == null;
    TaskStore store =
        owns ? Backends.open(settings.backendUrl(), new StoreContext(settings.clock())) : settings.store();
    try {
      DefaultBaton baton = new DefaultBaton(settings, store, owns);
      baton.begin();
      return baton;
    } catch (RuntimeException e) {
      if (owns) {
        store.close();
      }
      throw e;
    }
  }

  private void begin() {
    if (kv != null) {
      long every = settings.kvSweepPeriod().toMillis();
      timer.scheduleWithFixedDelay(this::sweepKv, every, every, TimeUnit.MILLISECONDS);
    }
    if (engine.active()) {
      engine.start();
    }
    log.info(
        "Baton node {} started: {} workers on queues {} for types {}",
        settings.nodeId(),
        engine.active() ? settings.workers() : 0,
        settings.queues(),
        types.handled());
  }

  private void sweepKv() {
    try {
      store.kv().sweep();
    } catch (RuntimeException e) {
      log.warn("Sweeping expired key-value entries failed; will try again", e);
      listeners.backgroundError("kv-sweep", e);
    }
  }

  @Override
  public <T> Enqueued enqueue(TaskType<T> type, T payload) {
    return enqueue(TaskRequest.of(type, payload));
  }

  @Override
  public <T> Enqueued enqueue(TaskType<T> type, T payload, Enqueue options) {
    return enqueue(TaskRequest.of(type, payload, options));
  }

  @Override
  public Enqueued enqueue(TaskRequest request) {
    return enqueueAll(List.of(request)).get(0);
  }

  @Override
  public List<Enqueued> enqueueAll(List<TaskRequest> requests) {
    ensureOpen();
    Objects.requireNonNull(requests, "requests");
    if (requests.isEmpty()) {
      return List.of();
    }
    Instant now = settings.clock().instant();
    List<NewTask> tasks = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      tasks.add(resolve(requests.get(i), now, requests.size() == 1 ? "payload" : "requests[" + i + "].payload"));
    }
    List<Boolean> created = store.enqueue(tasks);
    List<Enqueued> results = new ArrayList<>(tasks.size());
    Map<String, AtomicInteger> counts = listeners.isEmpty() ? null : new LinkedHashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      NewTask task = tasks.get(i);
      results.add(new Enqueued(task.id(), created.get(i)));
      if (counts != null && created.get(i)) {
        counts.computeIfAbsent(task.type() + "\u0000" + task.queue(), k -> new AtomicInteger()).incrementAndGet();
      }
    }
    if (counts != null) {
      counts.forEach((key, n) -> {
        int split = key.indexOf('\u0000');
        listeners.enqueued(key.substring(0, split), key.substring(split + 1), n.get());
      });
    }
    engine.wake();
    return results;
  }

  private NewTask resolve(TaskRequest request, Instant now, String field) {
    TaskType<?> type = request.type() != null ? types.ensure(request.type()) : types.require(request.typeName());
    String payload;
    if (request.payload() instanceof TaskRequest.RawJson raw) {
      payload = json.canonical(raw.json(), type.payloadType(), field);
    } else if (type.payloadType().isInstance(request.payload())) {
      payload = json.write(request.payload(), field);
    } else {
      throw new InvalidPayloadException(
          field,
          "expected a " + type.payloadType().getName() + " for task type '" + type.name()
              + "' but was a " + request.payload().getClass().getName(),
          null);
    }
    checkSize(payload, field);
    Enqueue options = request.options();
    Instant runAt = options.runAt();
    if (options.delay() != null && !options.delay().isZero()) {
      runAt = now.plus(options.delay());
    }
    int maxAttempts =
        options.maxAttempts() != null ? options.maxAttempts()
            : type.maxAttempts() > 0 ? type.maxAttempts() : settings.retry().maxAttempts();
    return new NewTask(
        options.id() != null ? options.id() : TaskId.random(),
        type.name(),
        options.queue() != null ? options.queue() : type.queue(),
        payload,
        options.priority() != null ? options.priority() : type.priority(),
        runAt,
        maxAttempts,
        options.timeout() != null ? options.timeout() : type.timeout(),
        options.correlationId(),
        options.owner(),
        null);
  }

  private void checkSize(String payload, String field) {
    int limit = settings.maxPayloadBytes();
    // Each char is at most 3 UTF-8 bytes; count exactly only when that bound could pass the limit.
    if ((long) payload.length() * 3 > limit) {
      int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > limit) {
        throw new InvalidPayloadException(
            field, "is " + bytes + " bytes of JSON, over the limit of " + limit + " bytes", null);
      }
    }
  }

  @Override
  public TaskHandle task(TaskId id) {
    return new Handle(Objects.requireNonNull(id, "id"), store, completions, json);
  }

  @Override
  public boolean cancel(TaskId id) {
    Optional<TaskStatus> before = store.cancel(id);
    if (before.isEmpty()) {
      return false;
    }
    if (before.get() == TaskStatus.RUNNING) {
      engine.stopRun(id, Run.Stop.CANCELED);
    }
    completions.done(id);
    return true;
  }

  @Override
  public boolean retry(TaskId id) {
    boolean requeued = store.retry(id);
    if (requeued) {
      engine.wake();
    }
    return requeued;
  }

  @Override
  public Page<TaskRecord> tasks(TaskQuery query) {
    return store.list(query);
  }

  @Override
  public List<QueueCount> counts() {
    return store.counts();
  }

  @Override
  public KeyValueStore store() {
    if (kv == null) {
      throw new UnsupportedOperationException("this backend has no key-value store");
    }
    return kv;
  }

  @Override
  public Set<String> taskTypes() {
    return types.names();
  }

  @Override
  public Set<String> handledTypes() {
    return Set.copyOf(types.handled());
  }

  @Override
  public String nodeId() {
    return settings.nodeId();
  }

  @Override
  public TaskStore backend() {
    return store;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Baton node {} shutting down (grace {})", settings.nodeId(), settings.shutdownGrace());
    try {
      if (engine.active()) {
        engine.stop(settings.shutdownGrace());
      }
    } finally {
      timer.shutdownNow();
      if (ownsStore) {
        store.close();
      }
    }
    log.info("Baton node {} stopped", settings.nodeId());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this Baton instance is closed");
    }
  }

  static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return Thread.ofPlatform().daemon().name(name + "-", 0).factory();
  }
}
