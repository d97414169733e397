package dev.baton.store.rabbitmq;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.Capabilities;
import dev.baton.spi.Claim;
import dev.baton.spi.KvStore;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.ScheduleStore;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ as the transport over a state store that holds the truth.
 *
 * <p>The state store (SQLite, PostgreSQL, any backend) keeps task records, schedules and the
 * key-value store, and its conditional claim decides who runs what: order, priority, leases and
 * fencing are the state store's. RabbitMQ carries one persistent message per task that became ready
 * or will (enqueue, retry, suspend, requeue), with the task's priority; its delivery wakes the
 * engine of whichever worker gets it, in any process, at the moment the task is due (delays through
 * {@link Transport}'s TTL buckets). The delivery stays unacked while this store runs the task and
 * is acked after the settlement is written; a delivery for a task this store cannot run (another
 * worker took it, it is not due, it ended) is acked at the next claim that leaves room.
 *
 * <p>Order of writes: the record first, then the message; the settlement first, then the ack. A
 * crash between the two leaves either a record without a message, which every engine still finds by
 * claiming from the state store on its next wake-up or poll, or a message without a runnable
 * record, which the next claim acks. Neither loses or duplicates a run: the state store's claim is
 * conditional.
 */
final class RabbitStore implements TaskStore {
  private static final Logger log = LoggerFactory.getLogger(RabbitStore.class);

  /** RabbitMQ 3.8.15 and later close a channel whose delivery stays unacked this long. */
  static final Duration DEFAULT_CONSUMER_TIMEOUT = Duration.ofMinutes(30);

  private final AmqpUrl url;
  private final TaskStore state;
  private final InstantSource clock;
  private final Transport transport;
  private final Duration consumerTimeout;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /** Deliveries of tasks not claimed here (yet): wake-ups, acked once a claim leaves room. */
  private final Map<String, Transport.Delivery> pending = new ConcurrentHashMap<>();

  /** Deliveries of tasks this store claimed, acked after their settlement. */
  private final Map<String, Transport.Delivery> held = new ConcurrentHashMap<>();

  /** The deliveries with tasks in {@link #pending}, for the sweep after a claim. */
  private final Set<Transport.Delivery> deliveries = ConcurrentHashMap.newKeySet();

  private final Set<String> warnedTypes = ConcurrentHashMap.newKeySet();
  private final ScheduleStore schedules;

  RabbitStore(AmqpUrl url, TaskStore state, InstantSource clock) {
    this.url = url;
    this.state = state;
    this.clock = clock;
    this.transport = new Transport(url, this::delivered);
    this.consumerTimeout =
        url.consumerTimeout() == null ? DEFAULT_CONSUMER_TIMEOUT : url.consumerTimeout();
    this.schedules = state.capabilities().schedules() ? new Schedules(state.schedules()) : null;
    log.info(
        "RabbitMQ backend on {} with state store {}; broker consumer_timeout {} ({}): a task"
            + " that runs longer loses its delivery to another worker",
        url.maskedBroker(),
        dev.baton.spi.BackendUrls.mask(url.state()),
        consumerTimeout,
        url.consumerTimeout() == null
            ? "RabbitMQ's default, assumed; set consumer_timeout=MS in the URL if the broker differs"
            : "from the URL");
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = state.capabilities();
    return c.toBuilder().wakeups(true).build();
  }

  @Override
  public List<Boolean> enqueue(List<NewTask> tasks) {
    List<Boolean> inserted = state.enqueue(tasks);
    Messages messages = new Messages();
    for (int i = 0; i < tasks.size(); i++) {
      if (inserted.get(i)) {
        NewTask t = tasks.get(i);
        messages.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt());
      }
    }
    transport.publish(messages.build());
    return inserted;
  }

  @Override
  public List<TaskRecord> claim(Claim claim) {
    transport.consume(claim.queues(), claim.limit());
    List<TaskRecord> claimed = state.claim(claim);
    for (TaskRecord task : claimed) {
      String id = task.id().value();
      Transport.Delivery delivery = pending.remove(id);
      if (delivery != null) {
        Transport.Delivery old = held.put(id, delivery);
        if (old != null) {
          old.release();
        }
      }
      warnIfLongerThanConsumerTimeout(task);
    }
    // Pending deliveries this claim covers are spent when the state store had nothing more for it
    // (their tasks were taken elsewhere, are not yet due, or ended), and deliveries of types this
    // claim does not run are spent at once: held, they would use up the prefetch for nothing. A
    // node of another type still finds those tasks by claiming from the state store.
    boolean exhausted = claimed.size() < claim.limit();
    for (Transport.Delivery delivery : deliveries) {
      if (delivery.done()) {
        deliveries.remove(delivery);
      } else if (claim.queues().contains(delivery.queue)
          && (exhausted || !claim.types().contains(delivery.type))
          && deliveries.remove(delivery)) {
        for (String id : delivery.ids) {
          if (pending.remove(id, delivery)) {
            delivery.release();
          }
        }
      }
    }
    return claimed;
  }

  @Override
  public List<Boolean> settle(List<Settlement> settlements) {
    List<Boolean> applied = state.settle(settlements);
    Messages follow = new Messages();
    Instant now = clock.instant();
    for (int i = 0; i < settlements.size(); i++) {
      Settlement s = settlements.get(i);
      Transport.Delivery delivery = held.remove(s.lease().id().value());
      if (delivery != null) {
        delivery.release();
      }
      if (!applied.get(i)) {
        continue;
      }
      Instant runAt =
          switch (s) {
            case Settlement.Retry r -> now.plus(r.delay());
            case Settlement.Suspend r -> now.plus(r.after());
            case Settlement.Release r -> now;
            case Settlement.Succeed r -> null;
            case Settlement.Fail r -> null;
          };
      if (runAt != null) {
        if (delivery == null) {
          state
              .get(s.lease().id())
              .ifPresent(t -> follow.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt()));
        } else {
          follow.add(s.lease().id(), delivery.queue, delivery.type, delivery.priority, runAt);
        }
      }
    }
    transport.publish(follow.build());
    return applied;
  }

  @Override
  public List<Boolean> renew(List<Lease> leases, Duration lease) {
    return state.renew(leases, lease);
  }

  @Override
  public List<TaskId> expireLeases(int limit) {
    List<TaskId> expired = state.expireLeases(limit);
    Messages messages = new Messages();
    for (TaskId id : expired) {
      Transport.Delivery delivery = held.remove(id.value());
      if (delivery != null) {
        delivery.release();
      }
      state
          .get(id)
          .filter(t -> t.status() == TaskStatus.QUEUED)
          .ifPresent(t -> messages.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt()));
    }
    transport.publish(messages.build());
    return expired;
  }

  @Override
  public List<TaskRecord> scan(long afterSequence, int limit) {
    return state.scan(afterSequence, limit);
  }

  @Override
  public List<Boolean> restore(List<TaskRecord> tasks) {
    List<Boolean> restored = state.restore(tasks);
    Messages messages = new Messages();
    for (int i = 0; i < tasks.size(); i++) {
      TaskRecord t = tasks.get(i);
      if (restored.get(i)
          && (t.status() == TaskStatus.QUEUED
              || t.status() == TaskStatus.RUNNING
              || t.status() == TaskStatus.SUSPENDED)) {
        messages.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt());
      }
    }
    transport.publish(messages.build());
    return restored;
  }

  @Override
  public Optional<TaskStatus> cancel(TaskId id) {
    return state.cancel(id);
  }

  @Override
  public boolean retry(TaskId id) {
    boolean retried = state.retry(id);
    if (retried) {
      state
          .get(id)
          .ifPresent(
              t -> {
                Messages messages = new Messages();
                messages.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt());
                transport.publish(messages.build());
              });
    }
    return retried;
  }

  @Override
  public Optional<Instant> nextRunAt(Set<String> queues, Set<String> types) {
    return state.nextRunAt(queues, types);
  }

  @Override
  public void addWakeListener(Runnable listener) {
    listeners.add(listener);
    state.addWakeListener(listener);
  }

  @Override
  public Optional<TaskRecord> get(TaskId id) {
    return state.get(id);
  }

  @Override
  public Page<TaskRecord> list(TaskQuery query) {
    return state.list(query);
  }

  @Override
  public List<QueueCount> counts() {
    return state.counts();
  }

  @Override
  public void clear() {
    state.clear();
    transport.purgeConsumed();
  }

  @Override
  public int purge(Instant finishedBefore, int limit) {
    return state.purge(finishedBefore, limit);
  }

  @Override
  public void ping() {
    state.ping();
    if (!transport.isOpen()) {
      throw new StoreException("RabbitMQ at " + url.maskedBroker() + " is not connected");
    }
  }

  @Override
  public KvStore kv() {
    return state.kv();
  }

  @Override
  public ScheduleStore schedules() {
    if (schedules == null) {
      throw new UnsupportedOperationException("the state store has no schedules");
    }
    return schedules;
  }

  @Override
  public void close() {
    try {
      transport.close();
    } finally {
      state.close();
    }
  }

  private void delivered(Transport.Delivery delivery) {
    boolean wake = false;
    deliveries.add(delivery);
    for (String id : delivery.ids) {
      if (held.containsKey(id)) {
        // A second message for a task running here (a retry's message, a redelivery): spent.
        delivery.release();
        continue;
      }
      Transport.Delivery old = pending.put(id, delivery);
      if (old != null) {
        old.release();
      }
      wake = true;
    }
    if (wake) {
      for (Runnable listener : listeners) {
        listener.run();
      }
    } else {
      deliveries.remove(delivery);
    }
  }

  /** Groups tasks into one message per queue, type, priority and due time. */
  private final class Messages {
    private record Key(String queue, String type, int priority, long due) {}

    private final Map<Key, List<String>> groups = new java.util.LinkedHashMap<>();

    void add(TaskId id, String queue, String type, int priority, Instant runAt) {
      groups
          .computeIfAbsent(new Key(queue, type, priority, due(runAt)), k -> new ArrayList<>())
          .add(id.value());
    }

    List<Transport.Message> build() {
      List<Transport.Message> messages = new ArrayList<>(groups.size());
      groups.forEach(
          (k, ids) ->
              messages.add(new Transport.Message(ids, k.queue(), k.type(), k.priority(), k.due())));
      return messages;
    }
  }

  /** Epoch millis of the transport's clock at which a task due at runAt may start, or 0 for now. */
  private long due(Instant runAt) {
    if (runAt == null) {
      return 0;
    }
    Duration wait = Duration.between(clock.instant(), runAt);
    if (wait.isNegative() || wait.isZero()) {
      return 0;
    }
    // Rounded up: a message must never arrive before its task is due.
    long millis = wait.toMillis() + (wait.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
    return System.currentTimeMillis() + millis;
  }

  private void warnIfLongerThanConsumerTimeout(TaskRecord task) {
    Duration timeout = task.timeout();
    if ((timeout == null || timeout.compareTo(consumerTimeout) > 0)
        && warnedTypes.add(task.type())) {
      log.warn(
          "Task type '{}' has {} but the broker's consumer_timeout is {}: RabbitMQ closes the"
              + " channel of a delivery unacked that long, and Baton opens a new one (the run goes on,"
              + " guarded by its lease). Give the type a timeout below it, or raise consumer_timeout"
              + " in rabbitmq.conf and name it in the URL (consumer_timeout=MS).",
          task.type(),
          timeout == null ? "no timeout" : "a timeout of " + timeout,
          consumerTimeout);
    }
  }

  /** Schedules in the state store; the tasks a tick makes also get their message. */
  private final class Schedules implements ScheduleStore {
    private final ScheduleStore delegate;

    Schedules(ScheduleStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public ScheduleRecord upsert(ScheduleRecord schedule) {
      return delegate.upsert(schedule);
    }

    @Override
    public Optional<ScheduleRecord> get(String name) {
      return delegate.get(name);
    }

    @Override
    public List<ScheduleRecord> list(boolean enabledOnly) {
      return delegate.list(enabledOnly);
    }

    @Override
    public boolean delete(String name) {
      return delegate.delete(name);
    }

    @Override
    public boolean advance(ScheduleRecord updated, long expectedVersion, List<NewTask> tasks) {
      boolean advanced = delegate.advance(updated, expectedVersion, tasks);
      if (advanced && !tasks.isEmpty()) {
        Messages messages = new Messages();
        tasks.forEach(t -> messages.add(t.id(), t.queue(), t.type(), t.priority(), t.runAt()));
        transport.publish(messages.build());
      }
      return advanced;
    }
  }
}
