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
 * fencing are the state store's. RabbitMQ carries one persistent message per task that became
 * ready or will (enqueue, retry, suspend, requeue), with the task's priority; its delivery wakes
 * the engine of whichever worker gets it, in any process, at the moment the task is due (delays
 * through {@link Transport}'s TTL buckets). The delivery stays unacked while this store runs the
 * task and is acked after the settlement is written; a delivery for a task this store cannot run
 * (another worker took it, it is not due, it ended) is acked at the next claim that leaves room.
 *
 * <p>Order of writes: the record first, then the message; the settlement first, then the ack. A
 * crash between the two leaves either a record without a message, which every engine still finds
 * by claiming from the state store on its next wake-up or poll, or a message without a runnable
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
    log.info("RabbitMQ backend on {} with state store {}; broker consumer_timeout {} ({}): a task"
        + " that runs longer loses its delivery to another worker",
        url.maskedBroker(), dev.baton.spi.BackendUrls.mask(url.state()), consumerTimeout,
        url.consumerTimeout() == null
            ? "RabbitMQ's default, assumed; set consumer_timeout=MS in the URL if the broker differs"
            : "from the URL");
  }

  @Override
  public Capabilities capabilities() {
    Capabilities c = state.capabilities();
    return new Capabilities(c.durable(), c.callerClock(), true, c.listing(), c.schedules(),
        c.keyValue());
  }

  @Override
  public List<Boolean> enqueue(List<NewTask> tasks) {
    List<Boolean> inserted = state.enqueue(tasks);
    List<Transport.Message> messages = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      if (inserted.get(i)) {
        NewTask t = tasks.get(i);
        messages.add(message(t.id(), t.queue(), t.type(), t.priority(), t.runAt()));
      }
    }
    transport.publish(messages);
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
          Transport.ack(old);
        }
      }
      warnIfLongerThanConsumerTimeout(task);
    }
    if (claimed.size() < claim.limit()) {
      // The state store had nothing more for this claim: the pending deliveries it covers name
      // tasks taken elsewhere, not yet due or ended. Their wake-up is spent.
      for (Transport.Delivery delivery : pending.values()) {
        if (claim.queues().contains(delivery.queue()) && claim.types().contains(delivery.type())
            && pending.remove(delivery.id(), delivery)) {
          Transport.ack(delivery);
        }
      }
    }
    return claimed;
  }

  @Override
  public List<Boolean> settle(List<Settlement> settlements) {
    List<Boolean> applied = state.settle(settlements);
    List<Transport.Message> follow = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < settlements.size(); i++) {
      Settlement s = settlements.get(i);
      Transport.Delivery delivery = held.remove(s.lease().id().value());
      if (delivery != null) {
        Transport.ack(delivery);
      }
      if (!applied.get(i)) {
        continue;
      }
      Instant runAt = switch (s) {
        case Settlement.Retry r -> now.plus(r.delay());
        case Settlement.Suspend r -> now.plus(r.after());
        case Settlement.Release r -> now;
        case Settlement.Succeed r -> null;
        case Settlement.Fail r -> null;
      };
      if (runAt != null) {
        String queue = delivery != null ? delivery.queue() : null;
        if (queue == null) {
          state.get(s.lease().id()).ifPresent(t ->
              follow.add(message(t.id(), t.queue(), t.type(), t.priority(), t.runAt())));
        } else {
          follow.add(message(s.lease().id(), queue, delivery.type(), delivery.priority(), runAt));
        }
      }
    }
    transport.publish(follow);
    return applied;
  }

  @Override
  public List<Boolean> renew(List<Lease> leases, Duration lease) {
    return state.renew(leases, lease);
  }

  @Override
  public List<TaskId> expireLeases(int limit) {
    List<TaskId> expired = state.expireLeases(limit);
    List<Transport.Message> messages = new ArrayList<>();
    for (TaskId id : expired) {
      Transport.Delivery delivery = held.remove(id.value());
      if (delivery != null) {
        Transport.ack(delivery);
      }
      state.get(id).filter(t -> t.status() == TaskStatus.QUEUED).ifPresent(t ->
          messages.add(message(t.id(), t.queue(), t.type(), t.priority(), t.runAt())));
    }
    transport.publish(messages);
    return expired;
  }

  @Override
  public List<TaskRecord> scan(long afterSequence, int limit) {
    return state.scan(afterSequence, limit);
  }

  @Override
  public List<Boolean> restore(List<TaskRecord> tasks) {
    List<Boolean> restored = state.restore(tasks);
    List<Transport.Message> messages = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskRecord t = tasks.get(i);
      if (restored.get(i) && (t.status() == TaskStatus.QUEUED || t.status() == TaskStatus.RUNNING
          || t.status() == TaskStatus.SUSPENDED)) {
        messages.add(message(t.id(), t.queue(), t.type(), t.priority(), t.runAt()));
      }
    }
    transport.publish(messages);
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
      state.get(id).ifPresent(t -> transport.publish(
          List.of(message(t.id(), t.queue(), t.type(), t.priority(), t.runAt()))));
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
    if (held.containsKey(delivery.id())) {
      // A second message for a task running here (a retry's message, a redelivery): spent.
      Transport.ack(delivery);
      return;
    }
    Transport.Delivery old = pending.put(delivery.id(), delivery);
    if (old != null) {
      Transport.ack(old);
    }
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  private Transport.Message message(TaskId id, String queue, String type, int priority,
      Instant runAt) {
    long due = 0;
    if (runAt != null) {
      Duration wait = Duration.between(clock.instant(), runAt);
      if (!wait.isNegative() && !wait.isZero()) {
        // Rounded up: a message must never arrive before its task is due.
        long millis = wait.toMillis() + (wait.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
        due = System.currentTimeMillis() + millis;
      }
    }
    return new Transport.Message(id.value(), queue, type, priority, due);
  }

  private void warnIfLongerThanConsumerTimeout(TaskRecord task) {
    Duration timeout = task.timeout();
    if ((timeout == null || timeout.compareTo(consumerTimeout) > 0) && warnedTypes.add(task.type())) {
      log.warn("Task type '{}' has {} but the broker's consumer_timeout is {}: RabbitMQ closes the"
          + " channel of a delivery unacked that long, and Baton opens a new one (the run goes on,"
          + " guarded by its lease). Give the type a timeout below it, or raise consumer_timeout"
          + " in rabbitmq.conf and name it in the URL (consumer_timeout=MS).",
          task.type(), timeout == null ? "no timeout" : "a timeout of " + timeout, consumerTimeout);
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
        transport.publish(tasks.stream()
            .map(t -> message(t.id(), t.queue(), t.type(), t.priority(), t.runAt()))
            .toList());
      }
      return advanced;
    }
  }
}
