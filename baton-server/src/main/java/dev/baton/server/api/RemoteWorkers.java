package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.Fetch;
import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.TaskId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of the HTTP worker protocol that registered with this server: what each serves, the
 * tasks it holds (fetched through {@link Baton#fetch} with lease renewal off, since its heartbeats
 * renew them), and when it last called. A worker silent for {@link WorkerProtocol#silence()} is
 * taken for dead by a periodic sweep: its tasks are released at once and it is forgotten.
 */
final class RemoteWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteWorkers.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a worker is told to do: carry on, stop fetching (the server drains), or stop. */
  enum Orders {
    run,
    quiet,
    terminate
  }

  private final Baton baton;
  private final WorkerProtocol protocol;
  private final BooleanSupplier draining;
  private final InstantSource clock = InstantSource.system();
  private final Map<String, Worker> workers = new ConcurrentHashMap<>();
  private final Set<String> types = ConcurrentHashMap.newKeySet();
  private ScheduledExecutorService sweeper;
  private boolean closed;

  RemoteWorkers(Baton baton, WorkerProtocol protocol, BooleanSupplier draining) {
    this.baton = baton;
    this.protocol = protocol;
    this.draining = draining;
    types.addAll(protocol.types());
  }

  WorkerProtocol protocol() {
    return protocol;
  }

  Orders orders() {
    return draining.getAsBoolean() ? Orders.quiet : Orders.run;
  }

  /**
   * Whether remote workers run tasks of this type (declared in the settings, or named by a worker
   * that registered), so that enqueues of it are accepted.
   */
  boolean servesType(String type) {
    return types.contains(type);
  }

  /** One registered worker. Its held leases are keyed by task id. */
  static final class Worker {
    final String id;
    final List<String> queues;
    final List<String> types;
    final Map<String, String> labels;
    final int concurrency;
    final Instant registeredAt;
    volatile Instant seenAt;
    volatile Instant heartbeatAt;
    final Map<TaskId, Held> held = new ConcurrentHashMap<>();
    final Set<String> lost = ConcurrentHashMap.newKeySet();
    volatile int fetching; // fetches under way: a worker waiting in one is not silent
    private int reserved; // guarded by this: slots promised to fetches under way
    private boolean gone; // guarded by this

    Worker(
        String id,
        List<String> queues,
        List<String> types,
        Map<String, String> labels,
        int concurrency,
        Instant now) {
      this.id = id;
      this.queues = List.copyOf(queues);
      this.types = List.copyOf(types);
      this.labels = Map.copyOf(labels);
      this.concurrency = concurrency;
      this.registeredAt = now;
      this.seenAt = now;
    }

    /**
     * Promises up to {@code max} slots to a fetch, waiting until {@code deadline} for one to free;
     * 0 when none freed or the worker is gone.
     */
    synchronized int reserve(int max, Instant deadline, InstantSource clock)
        throws InterruptedException {
      while (!gone) {
        int free = concurrency - held.size() - reserved;
        if (free > 0) {
          int n = Math.min(max, free);
          reserved += n;
          return n;
        }
        long left = Duration.between(clock.instant(), deadline).toMillis();
        if (left <= 0) {
          return 0;
        }
        wait(left);
      }
      return 0;
    }

    /** Takes fetched tasks into the held set; false (nothing taken) when the worker is gone. */
    synchronized boolean receive(int reservedSlots, List<Held> fetched) {
      reserved -= reservedSlots;
      if (gone) {
        return false;
      }
      fetched.forEach(h -> held.put(h.task().id(), h));
      notifyAll();
      return true;
    }

    synchronized void freed() {
      notifyAll();
    }

    synchronized void leave() {
      gone = true;
      notifyAll();
    }
  }

  /** A task a worker holds, and the lease text the worker names it by. */
  record Held(LeasedTask task, String lease) {}

  /**
   * Registers a worker, replacing (and releasing the tasks of) an earlier one with the same id.
   *
   * @return the new registration
   */
  Worker register(
      String id,
      List<String> queues,
      List<String> types,
      Map<String, String> labels,
      int concurrency) {
    Worker worker = new Worker(id, queues, types, labels, concurrency, clock.instant());
    this.types.addAll(types);
    Worker old = workers.put(id, worker);
    if (old != null) {
      drop(old, "registered again");
    }
    startSweeper();
    return worker;
  }

  /** The registered worker, or a 404. */
  Worker require(String id) {
    Worker worker = workers.get(id);
    if (worker == null) {
      throw new ApiException(
          404,
          "worker",
          id,
          "no worker '"
              + id
              + "' is registered (or it was taken for dead"
              + " after missing its heartbeats): register it again");
    }
    worker.seenAt = clock.instant();
    return worker;
  }

  /**
   * The registered worker, or null: a settlement from a worker taken for dead is refused per task
   * (its leases are lost), not as a whole.
   */
  Worker find(String id) {
    Worker worker = workers.get(id);
    if (worker != null) {
      worker.seenAt = clock.instant();
    }
    return worker;
  }

  List<Worker> all() {
    return List.copyOf(workers.values());
  }

  /**
   * Fetches up to {@code max} tasks for a worker, capped by its free slots, waiting up to {@code
   * wait}; empty while the server drains.
   */
  List<Held> fetch(Worker worker, int max, Duration wait) throws InterruptedException {
    if (orders() != Orders.run) {
      return List.of();
    }
    synchronized (worker) {
      worker.fetching++;
    }
    try {
      return fetchHeld(worker, max, wait);
    } finally {
      synchronized (worker) {
        worker.fetching--;
      }
      worker.seenAt = clock.instant();
    }
  }

  private List<Held> fetchHeld(Worker worker, int max, Duration wait) throws InterruptedException {
    Instant deadline = clock.instant().plus(wait);
    int slots = worker.reserve(max, deadline, clock);
    if (slots == 0) {
      return List.of();
    }
    List<Held> fetched = new ArrayList<>();
    try {
      Duration left = Duration.between(clock.instant(), deadline);
      Fetch fetch =
          Fetch.builder()
              .queues(worker.queues.toArray(String[]::new))
              .types(worker.types.toArray(String[]::new))
              .max(slots)
              .timeout(left.isNegative() ? Duration.ZERO : left)
              .renewLeases(false)
              .build();
      for (LeasedTask task : baton.fetch(fetch)) {
        fetched.add(new Held(task, newLease()));
      }
    } finally {
      if (!worker.receive(slots, fetched)) {
        fetched.forEach(h -> release(h.task()));
        fetched = null;
      }
    }
    if (fetched == null) {
      throw new ApiException(
          404, "worker", worker.id, "worker '" + worker.id + "' left while it fetched");
    }
    if (!fetched.isEmpty() && orders() != Orders.run) {
      // The server began to drain while this fetch waited: a quiet worker takes no new work.
      for (Held h : fetched) {
        if (worker.held.remove(h.task().id(), h)) {
          release(h.task());
        }
      }
      worker.freed();
      return List.of();
    }
    return fetched;
  }

  /** Renews every lease the worker holds; the ids of the tasks it lost since its last heartbeat. */
  List<String> heartbeat(Worker worker) {
    worker.heartbeatAt = worker.seenAt;
    List<String> lost = new ArrayList<>();
    for (Map.Entry<TaskId, Held> e : worker.held.entrySet()) {
      try {
        e.getValue().task().extend(protocol.lease());
      } catch (LeaseLostException ex) {
        if (worker.held.remove(e.getKey(), e.getValue())) {
          worker.lost.add(e.getKey().value());
        }
      } catch (IllegalStateException ex) {
        worker.held.remove(e.getKey(), e.getValue()); // settled while we renewed it
      }
    }
    for (String id : List.copyOf(worker.lost)) {
      if (worker.lost.remove(id)) {
        lost.add(id);
      }
    }
    worker.freed();
    return lost;
  }

  /**
   * Takes a held task out of the worker's hands to settle it; null when the worker does not hold it
   * under that lease. Put it back with {@link #putBack} if the settlement fails without effect.
   */
  Held take(Worker worker, TaskId task, String lease) {
    Held held = worker.held.get(task);
    if (held == null || !held.lease().equals(lease) || !worker.held.remove(task, held)) {
      return null;
    }
    return held;
  }

  /**
   * Gives a task back to the worker after a settlement that changed nothing and may be repeated.
   */
  void putBack(Worker worker, Held held) {
    worker.held.putIfAbsent(held.task().id(), held);
  }

  /** A settled task's slot is free: a fetch waiting for one may go on. */
  void settled(Worker worker) {
    worker.freed();
  }

  /** Whether the worker holds the task under the lease (for extend, which keeps it held). */
  Held peek(Worker worker, TaskId task, String lease) {
    Held held = worker.held.get(task);
    return held == null || !held.lease().equals(lease) ? null : held;
  }

  /** Forgets a worker, releasing what it holds; false when it was not registered. */
  boolean remove(String id) {
    Worker worker = workers.remove(id);
    if (worker == null) {
      return false;
    }
    drop(worker, "left");
    return true;
  }

  /** How many tasks the registered workers hold in all. */
  int heldCount() {
    int n = 0;
    for (Worker w : workers.values()) {
      n += w.held.size();
    }
    return n;
  }

  private void drop(Worker worker, String why) {
    worker.leave();
    int released = 0;
    for (Held held : List.copyOf(worker.held.values())) {
      if (worker.held.remove(held.task().id(), held)) {
        released += release(held.task()) ? 1 : 0;
      }
    }
    if (released > 0) {
      log.info("worker {} {}: {} task(s) released to their queues", worker.id, why, released);
    }
  }

  private static boolean release(LeasedTask task) {
    try {
      task.release();
      return true;
    } catch (LeaseLostException | IllegalStateException e) {
      return false; // already taken back or settled: nothing to give back
    } catch (RuntimeException e) {
      log.warn("Releasing task {} failed; its lease runs out on its own", task.id(), e);
      return false;
    }
  }

  /** Takes silent workers for dead. */
  void sweep() {
    try {
      Instant cutoff = clock.instant().minus(protocol.silence());
      for (Worker worker : workers.values()) {
        if (worker.fetching == 0
            && worker.seenAt.isBefore(cutoff)
            && workers.remove(worker.id, worker)) {
          log.warn(
              "worker {} missed {} heartbeats: taken for dead",
              worker.id,
              protocol.missedHeartbeats());
          drop(worker, "was taken for dead");
        }
      }
    } catch (RuntimeException e) {
      log.warn("Sweeping silent workers failed; will try again", e);
    }
  }

  /**
   * Waits up to the drain grace for the workers to settle what they hold (they are told {@code
   * quiet} meanwhile), then releases the rest.
   */
  void drain() throws InterruptedException {
    Instant end = clock.instant().plus(protocol.drainGrace());
    for (Worker worker : workers.values()) {
      synchronized (worker) {
        long left;
        while (!worker.held.isEmpty()
            && (left = Duration.between(clock.instant(), end).toMillis()) > 0) {
          worker.wait(Math.min(left, 100));
        }
      }
    }
  }

  private synchronized void startSweeper() {
    if (sweeper != null || closed) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("baton-worker-sweep").factory());
    long period = Math.max(5, protocol.heartbeatInterval().toMillis() / 2);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  private static String newLease() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Stops the sweep and releases every task the workers hold. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (sweeper != null) {
        sweeper.shutdownNow();
      }
    }
    for (String id : List.copyOf(workers.keySet())) {
      remove(id);
    }
  }
}
