package dev.baton.store.memory;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Capabilities;
import dev.baton.spi.Claim;
import dev.baton.spi.KvStore;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.ScheduleStore;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory backend: tasks in heaps per queue and type, one lock, wake-ups through listeners.
 * Nothing survives the process. Shared by several Baton instances in one JVM it behaves like a
 * shared backend, which is how tests run many engines on one store.
 */
public final class MemoryStore implements TaskStore {
  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .durable(false)
          .callerClock(true)
          .wakeups(true)
          .listing(true)
          .schedules(true)
          .keyValue(true)
          .build();

  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final TaskIndex tasks = new TaskIndex();
  private final Map<String, Map<String, Lane>> lanes = new HashMap<>();

  /**
   * The RUNNING entries. Fencing looks leases up here rather than in {@link #tasks}: this map holds
   * only what is in flight, so it stays in cache, and the lease's id is the entry's own instance,
   * so the lookup ends at the first identity match.
   */
  private final Map<TaskId, StoredTask> running = new LinkedHashMap<>();

  private final Finished finished = new Finished();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final MemoryKv kv;
  private final MemorySchedules schedules;
  private long sequence;

  /**
   * Makes an empty store.
   *
   * @param clock the clock for run-at times, leases and expiry
   */
  public MemoryStore(InstantSource clock) {
    this.clock = clock;
    this.kv = new MemoryKv(clock);
    this.schedules = new MemorySchedules(this, lock, clock);
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public List<Boolean> enqueue(List<NewTask> batch) {
    List<Boolean> created;
    lock.lock();
    try {
      created = insert(batch, clock.instant());
    } finally {
      lock.unlock();
    }
    if (created.contains(Boolean.TRUE)) {
      wake();
    }
    return created;
  }

  /** Inserts under the lock; shared with schedule ticks so that both are one atomic step. */
  List<Boolean> insert(List<NewTask> batch, Instant now) {
    List<Boolean> created = new ArrayList<>(batch.size());
    Lane lane = null;
    for (NewTask task : batch) {
      // A batch is nearly always of one queue and type: look the lane up only when it changes.
      if (lane == null || !lane.queue.equals(task.queue()) || !lane.type.equals(task.type())) {
        lane = lane(task.queue(), task.type());
      }
      StoredTask entry = new StoredTask(task, now, sequence + 1, lane);
      if (!tasks.add(entry)) {
        created.add(false);
        continue;
      }
      sequence++;
      lane.count(null, TaskStatus.QUEUED);
      lane.add(entry, now);
      created.add(true);
    }
    return created;
  }

  private Lane lane(String queue, String type) {
    Map<String, Lane> byType = lanes.get(queue);
    if (byType == null) {
      byType = new HashMap<>();
      lanes.put(queue, byType);
    }
    Lane lane = byType.get(type);
    if (lane == null) {
      lane = new Lane(queue, type);
      byType.put(type, lane);
    }
    return lane;
  }

  @Override
  public List<TaskRecord> claim(Claim claim) {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<Lane> candidates = lanesFor(claim.queues(), claim.types());
      List<TaskRecord> claimed = new ArrayList<>(Math.min(claim.limit(), 64));
      Instant deadline = now.plus(claim.lease());
      while (claimed.size() < claim.limit()) {
        Lane best = null;
        Lane.Node bestNode = null;
        for (Lane lane : candidates) {
          Lane.Node head = lane.peekReady(now);
          if (head != null && (bestNode == null || Lane.compareReady(head, bestNode) < 0)) {
            best = lane;
            bestNode = head;
          }
        }
        if (best == null) {
          break;
        }
        best.removeReady(bestNode);
        StoredTask entry = bestNode.entry();
        move(entry, TaskStatus.RUNNING, now);
        entry.attempts++;
        entry.startedAt = now;
        entry.leaseOwner = claim.owner();
        entry.leaseToken = claim.token();
        entry.leaseDeadline = deadline;
        running.put(entry.id, entry);
        claimed.add(entry.toRecord());
      }
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  private List<Lane> lanesFor(Collection<String> queues, Collection<String> types) {
    List<Lane> found = new ArrayList<>();
    for (String queue : queues) {
      Map<String, Lane> byType = lanes.get(queue);
      if (byType != null) {
        for (String type : types) {
          Lane lane = byType.get(type);
          if (lane != null) {
            found.add(lane);
          }
        }
      }
    }
    return found;
  }

  @Override
  public List<Boolean> settle(List<Settlement> settlements) {
    List<Boolean> applied = new ArrayList<>(settlements.size());
    boolean requeued = false;
    lock.lock();
    try {
      Instant now = clock.instant();
      for (Settlement settlement : settlements) {
        StoredTask entry = held(settlement.lease());
        if (entry == null) {
          applied.add(false);
          continue;
        }
        running.remove(entry.id);
        entry.clearLease();
        entry.addRunTime(settlement.ran());
        switch (settlement) {
          case Settlement.Succeed s -> {
            entry.result = s.result();
            entry.finishedAt = now;
            move(entry, TaskStatus.SUCCEEDED, now);
          }
          case Settlement.Fail f -> {
            entry.addError(f.error());
            entry.finishedAt = now;
            move(entry, TaskStatus.FAILED, now);
          }
          case Settlement.Retry r -> {
            entry.addError(r.error());
            entry.runAt = now.plus(r.delay());
            requeue(entry, TaskStatus.QUEUED, now);
          }
          case Settlement.Suspend s -> {
            entry.state = s.state();
            entry.attempts--;
            entry.runAt = now.plus(s.after());
            requeue(entry, TaskStatus.SUSPENDED, now);
          }
          case Settlement.Release r -> {
            entry.attempts--;
            requeue(entry, TaskStatus.QUEUED, now);
          }
        }
        requeued |= entry.waiting();
        applied.add(true);
      }
    } finally {
      lock.unlock();
    }
    if (requeued) {
      wake();
    }
    return applied;
  }

  private StoredTask held(Lease lease) {
    StoredTask entry = running.get(lease.id());
    return entry != null
            && entry.status == TaskStatus.RUNNING
            && lease.token().equals(entry.leaseToken)
        ? entry
        : null;
  }

  private void requeue(StoredTask entry, TaskStatus status, Instant now) {
    move(entry, status, now);
    entry.lane.add(entry, now);
  }

  private void move(StoredTask entry, TaskStatus to, Instant now) {
    if (!entry.status.canMoveTo(to)) {
      throw new IllegalStateException(
          "task " + entry.id + " cannot move from " + entry.status + " to " + to);
    }
    entry.lane.count(entry.status, to);
    if (entry.status.isTerminal()) {
      finished.remove(entry);
    }
    entry.status = to;
    entry.updatedAt = now;
    if (to.isTerminal()) {
      finished.add(entry);
    }
  }

  @Override
  public List<Boolean> renew(List<Lease> leases, Duration lease) {
    lock.lock();
    try {
      Instant deadline = clock.instant().plus(lease);
      List<Boolean> kept = new ArrayList<>(leases.size());
      for (Lease held : leases) {
        StoredTask entry = held(held);
        if (entry != null) {
          entry.leaseDeadline = deadline;
        }
        kept.add(entry != null);
      }
      return kept;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<TaskId> expireLeases(int limit) {
    List<TaskId> expired = new ArrayList<>();
    lock.lock();
    try {
      Instant now = clock.instant();
      for (Iterator<StoredTask> it = running.values().iterator();
          it.hasNext() && expired.size() < limit; ) {
        StoredTask entry = it.next();
        if (entry.leaseDeadline.isAfter(now)) {
          continue;
        }
        it.remove();
        entry.addError(
            new TaskError(
                now,
                entry.attempts,
                "lease expired (owner "
                    + entry.leaseOwner
                    + ", deadline "
                    + entry.leaseDeadline
                    + ")",
                "lease-expired",
                ""));
        entry.clearLease();
        if (entry.attempts >= entry.maxAttempts) {
          entry.finishedAt = now;
          move(entry, TaskStatus.FAILED, now);
        } else {
          entry.runAt = now;
          requeue(entry, TaskStatus.QUEUED, now);
        }
        expired.add(entry.id);
      }
    } finally {
      lock.unlock();
    }
    if (!expired.isEmpty()) {
      wake();
    }
    return expired;
  }

  @Override
  public Optional<TaskStatus> cancel(TaskId id) {
    lock.lock();
    try {
      StoredTask entry = tasks.get(id);
      if (entry == null || entry.status.isTerminal()) {
        return Optional.empty();
      }
      TaskStatus before = entry.status;
      Instant now = clock.instant();
      running.remove(entry.id);
      entry.clearLease();
      entry.finishedAt = now;
      move(entry, TaskStatus.CANCELED, now);
      return Optional.of(before);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean retry(TaskId id) {
    lock.lock();
    try {
      StoredTask entry = tasks.get(id);
      if (entry == null
          || (entry.status != TaskStatus.FAILED && entry.status != TaskStatus.CANCELED)) {
        return false;
      }
      Instant now = clock.instant();
      entry.attempts = 0;
      entry.finishedAt = null;
      entry.result = null;
      entry.runAt = now;
      requeue(entry, TaskStatus.QUEUED, now);
    } finally {
      lock.unlock();
    }
    wake();
    return true;
  }

  @Override
  public Optional<Instant> nextRunAt(Set<String> queues, Set<String> types) {
    lock.lock();
    try {
      Instant now = clock.instant();
      Instant next = null;
      for (Lane lane : lanesFor(queues, types)) {
        Instant candidate = lane.nextRunAt(now);
        if (candidate != null && (next == null || candidate.isBefore(next))) {
          next = candidate;
        }
      }
      return Optional.ofNullable(next);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addWakeListener(Runnable listener) {
    listeners.add(listener);
  }

  void wake() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  @Override
  public Optional<TaskRecord> get(TaskId id) {
    lock.lock();
    try {
      StoredTask entry = tasks.get(id);
      return entry == null ? Optional.empty() : Optional.of(entry.toRecord());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page<TaskRecord> list(TaskQuery query) {
    lock.lock();
    try {
      List<TaskRecord> items = new ArrayList<>(Math.min(query.limit(), 100));
      long total = 0;
      for (StoredTask entry : tasks.newestFirst()) {
        if ((query.status() == null || entry.status == query.status())
            && (query.queue() == null || entry.queue.equals(query.queue()))
            && (query.type() == null || entry.type.equals(query.type()))) {
          if (total >= query.offset() && items.size() < query.limit()) {
            items.add(entry.toRecord());
          }
          total++;
        }
      }
      return new Page<>(items, total, query.offset());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<TaskRecord> scan(long afterSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    lock.lock();
    try {
      // The index keeps sequence order; skipping to the cursor is a walk, which export can afford
      // and the enqueue path is spared a second index.
      List<TaskRecord> page = new ArrayList<>(Math.min(limit, 1024));
      for (StoredTask entry : tasks.oldestFirst()) {
        if (entry.sequence > afterSequence) {
          page.add(entry.toRecord());
          if (page.size() == limit) {
            break;
          }
        }
      }
      return page;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Boolean> restore(List<TaskRecord> records) {
    List<Boolean> created = new ArrayList<>(records.size());
    boolean ready = false;
    lock.lock();
    try {
      Instant now = clock.instant();
      for (TaskRecord record : records) {
        if (tasks.get(record.id()) != null) {
          created.add(false);
          continue;
        }
        Lane lane = lane(record.queue(), record.type());
        StoredTask entry = new StoredTask(TaskStore.restorable(record), sequence + 1, lane);
        tasks.add(entry);
        sequence++;
        lane.count(null, entry.status);
        if (entry.waiting()) {
          lane.add(entry, now);
          ready |= !entry.runAt.isAfter(now);
        } else {
          finished.add(entry);
        }
        created.add(true);
      }
    } finally {
      lock.unlock();
    }
    if (ready) {
      wake();
    }
    return created;
  }

  @Override
  public List<QueueCount> counts() {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<QueueCount> counts = new ArrayList<>();
      for (Map<String, Lane> byType : lanes.values()) {
        for (Lane lane : byType.values()) {
          for (TaskStatus status : TaskStatus.values()) {
            long count = lane.counts[status.ordinal()];
            if (count > 0) {
              long scheduled = status == TaskStatus.QUEUED ? lane.scheduled(now) : 0;
              counts.add(new QueueCount(lane.queue, lane.type, status, count, scheduled));
            }
          }
        }
      }
      return counts;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clear() {
    lock.lock();
    try {
      tasks.clear();
      lanes.clear();
      running.clear();
      finished.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int purge(Instant finishedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    lock.lock();
    try {
      int purged = 0;
      StoredTask oldest;
      while (purged < limit
          && (oldest = finished.oldest()) != null
          && oldest.finishedAt.isBefore(finishedBefore)) {
        finished.remove(oldest);
        tasks.remove(oldest);
        oldest.lane.count(oldest.status, null);
        purged++;
      }
      return purged;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void ping() {}

  @Override
  public KvStore kv() {
    return kv;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public void close() {}
}
