package dev.baton.internal;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Enqueued;
import dev.baton.Fetch;
import dev.baton.InvalidPayloadException;
import dev.baton.KeyValueStore;
import dev.baton.LeasedTask;
import dev.baton.NodeStats;
import dev.baton.SettleBatch;
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
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
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
  private final TaskTypes types;
  private final Json json;
  private final KeyValueStore kv;
  private final Completions completions = new Completions();
  private final NodeCounters counters = new NodeCounters();
  private final Listeners listeners;
  private final ScheduledThreadPoolExecutor timer;
  private final Engine engine;
  private final Puller puller;
  private final QueuePauses pauses;
  private final TaskFactory factory;
  private final GroupCommit enqueues;
  private final ScheduleService schedules;
  private final Scheduler scheduler;
  private final Waiter schedulerWaiter = new Waiter();
  private Thread schedulerThread;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultBaton(Settings settings, TaskStore store, boolean ownsStore) {
    this.settings = settings;
    this.store = store;
    this.ownsStore = ownsStore;
    this.types = new TaskTypes(settings.types(), settings.handlers());
    this.json = new Json(settings.mapper());
    this.listeners = new Listeners(settings.listeners());
    this.kv =
        store.capabilities().keyValue() ? new KvFacade(store.kv(), json, settings.clock()) : null;
    this.timer = new ScheduledThreadPoolExecutor(2, daemonThreads("baton-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.pauses =
        new QueuePauses(store.capabilities().keyValue() ? store.kv() : null, settings.clock());
    this.engine =
        new Engine(
            settings, store, types, json, kv, completions, listeners, timer, pauses, counters);
    this.puller =
        new Puller(
            settings,
            store,
            types,
            json,
            completions,
            listeners,
            counters,
            timer,
            pauses,
            !engine.active(),
            engine::wake);
    this.factory = new TaskFactory(types, json, settings.retry(), settings.maxPayloadBytes());
    this.enqueues = new GroupCommit(store);
    if (store.capabilities().schedules()) {
      this.schedules =
          new ScheduleService(
              store,
              factory,
              settings.clock(),
              schedulerWaiter::signal,
              settings.minInterval(),
              settings.maxCatchUp(),
              listeners);
      this.scheduler =
          new Scheduler(
              store.schedules(),
              schedules,
              settings.clock(),
              schedulerWaiter,
              settings.pollInterval(),
              settings.misfireThreshold(),
              settings.maxCatchUp(),
              listeners);
    } else {
      this.schedules = null;
      this.scheduler = null;
    }
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
        owns
            ? StoreProviders.open(settings.backendUrl(), new StoreContext(settings.clock()))
            : settings.store();
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
    Retention retention = new Retention(store, settings.retention(), settings.clock(), listeners);
    long purgeEvery = settings.purgePeriod().toMillis();
    timer.scheduleWithFixedDelay(retention::purge, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    if (engine.active()) {
      engine.start();
      counters.workers(settings.workers());
    }
    if (scheduler != null && settings.runScheduler()) {
      if (settings.clock() instanceof dev.baton.AdjustableClock adjustable) {
        adjustable.onAdjust(schedulerWaiter::signal);
      }
      schedulerThread = Thread.ofPlatform().daemon().name("baton-scheduler").start(scheduler);
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
    return enqueue(List.of(request), false).get(0);
  }

  @Override
  public List<Enqueued> enqueueAll(List<TaskRequest> requests) {
    return enqueue(requests, true);
  }

  /**
   * Stores the tasks in one write. A batch names a bad payload by its place in the list, a batch of
   * one too ({@code requests[0].payload}), so that a caller maps it to its own input the same way
   * whatever the batch's size; a single enqueue names it {@code payload}.
   */
  private List<Enqueued> enqueue(List<TaskRequest> requests, boolean batch) {
    ensureOpen();
    Objects.requireNonNull(requests, "requests");
    if (requests.isEmpty()) {
      return List.of();
    }
    Instant now = settings.clock().instant();
    List<NewTask> tasks = new ArrayList<>(requests.size());
    String[] written = requests.size() > 1 ? factory.writePayloads(requests) : null;
    for (int i = 0; i < requests.size(); i++) {
      tasks.add(resolve(requests, i, now, written == null ? null : written[i], batch));
    }
    List<Boolean> created = enqueues.enqueue(tasks);
    List<Enqueued> results = new ArrayList<>(tasks.size());
    int made = 0;
    for (int i = 0; i < tasks.size(); i++) {
      boolean isNew = created.get(i);
      made += isNew ? 1 : 0;
      results.add(new Enqueued(tasks.get(i).id(), isNew));
    }
    counters.submitted(made);
    if (!listeners.isEmpty()) {
      announce(tasks, created);
    }
    wake();
    return results;
  }

  /**
   * Resolves one request of a batch; an invalid payload is named by its place in the batch. The
   * name is built only on that path: a string per task was a measurable share of enqueueing.
   */
  private NewTask resolve(
      List<TaskRequest> requests, int i, Instant now, String written, boolean batch) {
    try {
      return factory.resolve(requests.get(i), now, "payload", written);
    } catch (InvalidPayloadException e) {
      if (!batch) {
        throw e;
      }
      // Resolving is deterministic, so this fails again, now with the field's full name.
      return factory.resolve(requests.get(i), now, "requests[" + i + "].payload");
    }
  }

  /** One enqueued event per type and queue of the batch, in order of first appearance. */
  private void announce(List<NewTask> tasks, List<Boolean> created) {
    Map<List<String>, AtomicInteger> counts = new LinkedHashMap<>();
    NewTask previous = null;
    AtomicInteger count = null;
    for (int i = 0; i < tasks.size(); i++) {
      NewTask task = tasks.get(i);
      if (!created.get(i)) {
        continue;
      }
      // A batch is nearly always of one type and queue: look the group up only when it changes.
      if (previous == null
          || !previous.type().equals(task.type())
          || !previous.queue().equals(task.queue())) {
        count =
            counts.computeIfAbsent(List.of(task.type(), task.queue()), key -> new AtomicInteger());
        previous = task;
      }
      count.incrementAndGet();
    }
    counts.forEach((key, n) -> listeners.enqueued(key.get(0), key.get(1), n.get()));
  }

  /** Tasks may be ready: tell the engine and any waiting fetch. */
  private void wake() {
    engine.wake();
    puller.wake();
  }

  @Override
  public List<LeasedTask> fetch(Fetch fetch) {
    Objects.requireNonNull(fetch, "fetch");
    return puller.fetch(fetch);
  }

  @Override
  public SettleBatch settleBatch() {
    return new PullBatch(puller);
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
      puller.stopRun(id, Run.Stop.CANCELED);
    }
    completions.done(id);
    return true;
  }

  @Override
  public boolean retry(TaskId id) {
    boolean requeued = store.retry(id);
    if (requeued) {
      wake();
    }
    return requeued;
  }

  @Override
  public boolean pauseQueue(String queue) {
    return pauses.pause(checkQueue(queue));
  }

  @Override
  public boolean resumeQueue(String queue) {
    boolean resumed = pauses.resume(checkQueue(queue));
    wake();
    return resumed;
  }

  @Override
  public Set<String> pausedQueues() {
    return pauses.paused();
  }

  /** The name rule of enqueues: a name no task can be queued under cannot be paused either. */
  private static String checkQueue(String queue) {
    return TaskType.checkQueueName(queue);
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
  public NodeStats stats() {
    return counters.snapshot();
  }

  @Override
  public KeyValueStore store() {
    if (kv == null) {
      throw new UnsupportedOperationException("this backend has no key-value store");
    }
    return kv;
  }

  @Override
  public dev.baton.schedule.Schedules schedules() {
    if (schedules == null) {
      throw new UnsupportedOperationException("this backend cannot store schedules");
    }
    return schedules;
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
    long closing = System.nanoTime();
    puller.beginClose();
    try {
      if (schedulerThread != null) {
        scheduler.stop();
        schedulerThread.join();
      }
      if (engine.active()) {
        engine.stop(settings.shutdownGrace());
        counters.workers(0);
      }
      puller.close(closing, Waits.nanos(settings.shutdownGrace()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
