package dev.baton.store.redis;

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
import dev.baton.spi.StoreException;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis backend: each state change is one Lua script on keys that share the prefix's hash tag.
 * Per task a body written once, a short state in one hash and extras only when it has errors, a
 * result or a suspend state; per queue and type ("lane") a ready list for tasks enqueued in order,
 * a sorted set for the other ready tasks and one of delayed ones by run-at; lease groups per claim;
 * per status a sorted set by sequence, with the done list beside SUCCEEDED's, and a finish log for
 * retention (all in common.lua). Wake-ups travel over pub/sub.
 */
final class RedisStore implements TaskStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  /**
   * The storage layout this version reads and writes, recorded under a new prefix (read.lua): 2 put
   * finished tasks in a sorted set instead of the finish log, 3 kept a lease per task instead of
   * lease groups.
   */
  static final long LAYOUT = 4;

  private final RedisLink link;
  private final InstantSource clock;
  private final boolean callerClock;
  private final Capabilities capabilities;
  private final String node = UUID.randomUUID().toString();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final RedisKv kv;
  private final RedisSchedules schedules;
  private final String evictionWarning;
  private final String bodyPrefix;
  private final String extrasPrefix;
  private boolean subscribed;

  RedisStore(RedisLink link, InstantSource clock) {
    this.link = link;
    this.clock = clock;
    this.callerClock = link.url.callerClock();
    this.capabilities =
        Capabilities.builder()
            .durable(true)
            .callerClock(callerClock)
            .wakeups(true)
            .listing(true)
            .schedules(true)
            .keyValue(true)
            .build();
    this.kv = new RedisKv(this);
    this.schedules = new RedisSchedules(this);
    this.bodyPrefix = link.url.tag() + ":t:";
    this.extrasPrefix = link.url.tag() + ":x:";
    link.loadScripts();
    Long layout =
        link.run(Script.READ, ScriptOutputType.INTEGER, now(), "layout", Long.toString(LAYOUT));
    if (layout != LAYOUT) {
      throw new StoreException(
          "Redis "
              + link.url.masked()
              + " holds tasks under prefix "
              + link.url.tag()
              + " in an earlier storage layout ("
              + layout
              + ") that this version"
              + " cannot read; drain them with the version that wrote them, or use another prefix");
    }
    String policy = link.maxmemoryPolicy();
    if (policy != null && !policy.equals("noeviction")) {
      evictionWarning =
          "Redis "
              + link.url.masked()
              + " has maxmemory-policy "
              + policy
              + ": under memory pressure it can evict Baton's keys and lose tasks; set"
              + " maxmemory-policy noeviction";
      LOG.warn(evictionWarning);
    } else {
      evictionWarning = null;
    }
  }

  RedisLink link() {
    return link;
  }

  String node() {
    return node;
  }

  /** "Now" for a script: the caller's clock, or empty for the server's TIME. */
  String now() {
    return callerClock ? TaskCodec.micros(clock.instant()) : "";
  }

  Instant nowInstant() {
    return clock.instant();
  }

  boolean callerClock() {
    return callerClock;
  }

  /** The eviction warning logged at start, or null when the policy keeps every key. */
  String evictionWarning() {
    return evictionWarning;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public List<Boolean> enqueue(List<NewTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    List<String> args = batchArgs(tasks.size(), 5);
    for (NewTask task : tasks) {
      TaskCodec.newTask(args, task);
    }
    return inserted(link.run(Script.ENQUEUE, args.toArray(String[]::new)));
  }

  /**
   * The arguments every batch script starts with (now, this node, the count), room for the rest.
   */
  private List<String> batchArgs(int count, int perItem) {
    List<String> args = new ArrayList<>(count * perItem + 3);
    args.add(now());
    args.add(node);
    args.add(Integer.toString(count));
    return args;
  }

  /** Reads {flags, ready} and wakes local listeners when a task became ready. */
  List<Boolean> inserted(List<Object> reply) {
    List<Boolean> flags = flags(reply.get(0));
    if (((Long) reply.get(1)) == 1L) {
      wake();
    }
    return flags;
  }

  static List<Boolean> flags(Object reply) {
    List<?> list = (List<?>) reply;
    List<Boolean> flags = new ArrayList<>(list.size());
    for (Object flag : list) {
      flags.add(((Long) flag) == 1L);
    }
    return flags;
  }

  static String lane(String queue, String type) {
    return queue + "\n" + type;
  }

  @Override
  public List<TaskRecord> claim(Claim claim) {
    List<String> args = new ArrayList<>();
    args.add(now());
    args.add(TaskCodec.escape(claim.owner()));
    args.add(TaskCodec.escape(claim.token()));
    args.add(Integer.toString(claim.limit()));
    args.add(TaskCodec.micros(claim.lease()));
    args.add(Integer.toString(claim.queues().size() * claim.types().size()));
    for (String queue : claim.queues()) {
      for (String type : claim.types()) {
        args.add(lane(queue, type));
      }
    }
    List<Object> reply = link.run(Script.CLAIM, args.toArray(String[]::new));
    // The script gives how many values it returns per task: id and state, with body and extras
    // after them for a small claim; a large claim's bodies (and rare extras) come by one MGET.
    int stride = ((Long) reply.get(0)).intValue();
    int n = (reply.size() - 1) / stride;
    if (stride == 4) {
      List<TaskRecord> tasks = new ArrayList<>(n);
      for (int i = 1; i < reply.size(); i += 4) {
        String body = (String) reply.get(i + 2);
        if (body != null) {
          tasks.add(
              TaskCodec.task(
                  TaskCodec.state((String) reply.get(i + 1)), body, (String) reply.get(i + 3)));
        }
      }
      return tasks;
    }
    String[][] states = new String[n][];
    List<String> keys = new ArrayList<>(n + 8);
    for (int i = 0; i < n; i++) {
      String id = (String) reply.get(1 + 2 * i);
      states[i] = TaskCodec.state((String) reply.get(2 + 2 * i));
      keys.add(bodyPrefix + id);
      if (TaskCodec.hasExtras(states[i])) {
        keys.add(extrasPrefix + id);
      }
    }
    List<String> parts = link.mget(keys);
    List<TaskRecord> tasks = new ArrayList<>(n);
    int p = 0;
    for (int i = 0; i < n; i++) {
      String body = parts.get(p++);
      String extras = TaskCodec.hasExtras(states[i]) ? parts.get(p++) : null;
      if (body != null) {
        tasks.add(TaskCodec.task(states[i], body, extras));
      }
    }
    return tasks;
  }

  @Override
  public List<Boolean> settle(List<Settlement> settlements) {
    if (settlements.isEmpty()) {
      return List.of();
    }
    List<String> args = batchArgs(settlements.size(), 6);
    for (Settlement s : settlements) {
      String kind;
      String a = "";
      String b = "";
      switch (s) {
        case Settlement.Succeed ok -> {
          kind = "S";
          a = ok.result() == null ? "" : ok.result();
        }
        case Settlement.Fail fail -> {
          kind = "F";
          a = TaskCodec.error(fail.error());
        }
        case Settlement.Retry retry -> {
          kind = "R";
          a = TaskCodec.micros(retry.delay());
          b = TaskCodec.error(retry.error());
        }
        case Settlement.Suspend suspend -> {
          kind = "U";
          a = TaskCodec.micros(suspend.after());
          b = suspend.state() == null ? "" : suspend.state();
        }
        case Settlement.Release release -> kind = "L";
      }
      args.add(kind);
      args.add(s.lease().id().value());
      args.add(TaskCodec.escape(s.lease().token()));
      args.add(Long.toString(s.ran().toNanos()));
      args.add(a);
      args.add(b);
    }
    return inserted(link.run(Script.SETTLE, args.toArray(String[]::new)));
  }

  @Override
  public List<Boolean> renew(List<Lease> leases, Duration lease) {
    if (leases.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(leases.size() * 2 + 3);
    args.add(now());
    args.add(TaskCodec.micros(lease));
    args.add(Integer.toString(leases.size()));
    for (Lease held : leases) {
      args.add(held.id().value());
      args.add(TaskCodec.escape(held.token()));
    }
    return flags(link.run(Script.RENEW, args.toArray(String[]::new)));
  }

  @Override
  public List<TaskId> expireLeases(int limit) {
    List<Object> reply = link.run(Script.EXPIRE, now(), node, Integer.toString(limit));
    List<TaskId> ids = new ArrayList<>(reply.size());
    for (Object id : reply) {
      ids.add(TaskId.of((String) id));
    }
    if (!ids.isEmpty()) {
      wake();
    }
    return ids;
  }

  @Override
  public Optional<TaskStatus> cancel(TaskId id) {
    String before = link.run(Script.CANCEL, now(), id.value());
    return before == null ? Optional.empty() : Optional.of(TaskStatus.valueOf(before));
  }

  @Override
  public boolean retry(TaskId id) {
    Long done = link.run(Script.RETRY, now(), node, id.value());
    if (done == 1L) {
      wake();
      return true;
    }
    return false;
  }

  @Override
  public Optional<Instant> nextRunAt(Set<String> queues, Set<String> types) {
    List<String> args = new ArrayList<>();
    args.add(now());
    args.add(Integer.toString(queues.size() * types.size()));
    for (String queue : queues) {
      for (String type : types) {
        args.add(lane(queue, type));
      }
    }
    String next = link.run(Script.NEXT, args.toArray(String[]::new));
    return Optional.ofNullable(TaskCodec.instant(next));
  }

  @Override
  public void addWakeListener(Runnable listener) {
    // Subscribed with the first listener, not at start: a node that only enqueues (no engine adds
    // a listener there) would otherwise receive every wake-up it publishes itself, and Redis would
    // send each one to it.
    synchronized (listeners) {
      if (!subscribed) {
        link.subscribe(
            link.url.tag() + ":wake",
            from -> {
              if (!node.equals(from)) {
                wake();
              }
            },
            this::wake);
        subscribed = true;
      }
    }
    listeners.add(listener);
  }

  void wake() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }

  @Override
  public Optional<TaskRecord> get(TaskId id) {
    List<TaskRecord> found = TaskCodec.rows(link.run(Script.READ, now(), "get", id.value()), 0);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public Page<TaskRecord> list(TaskQuery query) {
    List<Object> reply =
        link.run(
            Script.LIST,
            now(),
            query.status() == null ? "" : query.status().name(),
            query.queue() == null ? "" : query.queue(),
            query.type() == null ? "" : query.type(),
            Integer.toString(query.offset()),
            Integer.toString(query.limit()));
    // The first element is the total; the tasks follow.
    return new Page<>(TaskCodec.rows(reply, 1), (Long) reply.get(0), query.offset());
  }

  @Override
  public List<QueueCount> counts() {
    // The counts by lane and status, then the scheduled tasks by lane (QUEUED ones not due yet).
    List<?> reply = link.run(Script.READ, now(), "counts");
    Map<String, String> counts = TaskCodec.map(reply.get(0));
    Map<String, String> scheduled = TaskCodec.map(reply.get(1));
    List<QueueCount> out = new ArrayList<>();
    for (Map.Entry<String, String> entry : counts.entrySet()) {
      long count = Long.parseLong(entry.getValue());
      if (count > 0) {
        String[] parts = entry.getKey().split("\n", 3);
        TaskStatus status = TaskStatus.valueOf(parts[2]);
        QueueCount c = new QueueCount(parts[0], parts[1], status, count);
        String ahead =
            status == TaskStatus.QUEUED ? scheduled.get(parts[0] + "\n" + parts[1]) : null;
        out.add(ahead == null ? c : c.withScheduled(Long.parseLong(ahead)));
      }
    }
    return out;
  }

  @Override
  public void clear() {
    Long done;
    do {
      done = link.run(Script.CLEAR, now(), "5000");
    } while (done != 1L);
  }

  @Override
  public int purge(Instant finishedBefore, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    Long purged =
        link.run(Script.PURGE, now(), TaskCodec.micros(finishedBefore), Integer.toString(limit));
    return purged.intValue();
  }

  @Override
  public List<TaskRecord> scan(long afterSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    return TaskCodec.rows(
        link.run(Script.SCAN, now(), Long.toString(afterSequence), Integer.toString(limit)), 0);
  }

  @Override
  public List<Boolean> restore(List<TaskRecord> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    List<String> args = batchArgs(tasks.size(), 13);
    for (TaskRecord task : tasks) {
      TaskCodec.record(args, TaskStore.restorable(task));
    }
    return inserted(link.run(Script.RESTORE, args.toArray(String[]::new)));
  }

  @Override
  public void ping() {
    link.ping();
  }

  @Override
  public KvStore kv() {
    return kv;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public void close() {
    try {
      link.close();
    } catch (RedisException e) {
      throw link.fail("closing", e);
    }
  }
}
