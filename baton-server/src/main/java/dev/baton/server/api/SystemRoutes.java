package dev.baton.server.api;

import dev.baton.Baton;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.server.NodeRegistry;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Queues (counts by state), nodes, health, the OpenAPI document and the metrics endpoint. */
final class SystemRoutes {
  private SystemRoutes() {}

  static void add(
      List<Route> routes,
      Baton baton,
      ApiServer.MetricsSource metrics,
      ApiServer.LivenessCheck liveness,
      RemoteWorkers workers) {
    routes.add(Route.of("GET", "/api/v1/queues", call -> Reply.ok(queueCounts(baton))));
    routes.add(
        Route.of(
            "POST",
            "/api/v1/queues/{queue}/pause",
            call -> pause(baton, call.path("queue"), true)));
    routes.add(
        Route.of(
            "POST",
            "/api/v1/queues/{queue}/resume",
            call -> pause(baton, call.path("queue"), false)));
    routes.add(Route.of("GET", "/api/v1/nodes", call -> nodes(baton, workers)));
    routes.add(Route.of("GET", "/api/v1/health/live", call -> live(liveness)));
    routes.add(Route.of("GET", "/api/v1/health/ready", call -> ready(baton)));
    routes.add(
        Route.of(
            "GET",
            "/api/v1/openapi.json",
            call -> new Reply(200, OpenApi.served(), "application/json")));
    if (metrics != null) {
      routes.add(
          Route.of(
              "GET",
              "/metrics",
              call ->
                  new Reply(200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8")));
    }
  }

  /**
   * Counts by queue and status, with the QUEUED tasks split into ready and scheduled and whether
   * each queue is paused; a paused queue with no task is listed too.
   */
  static Views.Items<Views.QueueView> queueCounts(Baton baton) {
    Map<String, Map<String, Long>> byQueue = new TreeMap<>();
    Map<String, long[]> waiting = new TreeMap<>();
    for (QueueCount c : baton.counts()) {
      byQueue
          .computeIfAbsent(c.queue(), q -> new TreeMap<>())
          .merge(c.status().name(), c.count(), Long::sum);
      long[] readyScheduled = waiting.computeIfAbsent(c.queue(), q -> new long[2]);
      readyScheduled[0] += c.ready();
      readyScheduled[1] += c.scheduled();
    }
    Set<String> paused = pausedQueues(baton);
    paused.forEach(queue -> byQueue.computeIfAbsent(queue, q -> new TreeMap<>()));
    List<Views.QueueView> items = new ArrayList<>(byQueue.size());
    byQueue.forEach(
        (queue, counts) -> {
          long[] readyScheduled = waiting.getOrDefault(queue, new long[2]);
          items.add(
              new Views.QueueView(
                  queue, paused.contains(queue), counts, readyScheduled[0], readyScheduled[1]));
        });
    return new Views.Items<>(items);
  }

  private static Set<String> pausedQueues(Baton baton) {
    try {
      return baton.pausedQueues();
    } catch (UnsupportedOperationException e) {
      return Set.of();
    }
  }

  private static Reply pause(Baton baton, String queue, boolean pause) {
    boolean changed =
        BodyFields.about(
            "queue", queue, () -> pause ? baton.pauseQueue(queue) : baton.resumeQueue(queue));
    return Reply.ok(new Views.QueuePaused(queue, pause, changed));
  }

  /**
   * Live nodes from their heartbeats, joined with the RUNNING tasks by lease owner: an idle node is
   * listed, and so is a node that holds leases without a heartbeat (an embedded library instance).
   */
  private static Reply nodes(Baton baton, RemoteWorkers workers) {
    Map<String, NodeTally> byNode = new TreeMap<>();
    for (NodeRegistry.Heartbeat beat : NodeRegistry.alive(baton.backend())) {
      byNode.put(beat.node(), new NodeTally(Views.Beat.of(beat), true));
    }
    byNode.computeIfAbsent(baton.nodeId(), id -> new NodeTally(null, true));
    Page<TaskRecord> page = baton.tasks(new TaskQuery(TaskStatus.RUNNING, null, null, 0, 1000));
    for (TaskRecord t : page.items()) {
      if (t.leaseOwner() == null) {
        continue;
      }
      NodeTally n = byNode.computeIfAbsent(t.leaseOwner(), id -> new NodeTally(null, false));
      n.running++;
      if (n.tasks.size() < MAX_TASKS_SHOWN) {
        n.tasks.add(new Views.TaskRef(t.id().value(), t.type(), t.queue()));
      }
    }
    List<Views.NodeView> items = new ArrayList<>(byNode.size());
    byNode.forEach(
        (node, n) -> items.add(new Views.NodeView(node, n.beat, n.alive, n.running, n.tasks)));
    return Reply.ok(new Views.Nodes(baton.nodeId(), items, remoteWorkers(workers)));
  }

  /** The remote workers registered with this server, by id, each with up to 20 of its tasks. */
  static List<Views.RemoteWorkerView> remoteWorkers(RemoteWorkers workers) {
    List<Views.RemoteWorkerView> views = new ArrayList<>();
    for (RemoteWorkers.Worker w : workers.all()) {
      List<Views.TaskRef> tasks = new ArrayList<>();
      for (RemoteWorkers.Held h : w.held.values()) {
        if (tasks.size() == MAX_TASKS_SHOWN) {
          break;
        }
        tasks.add(
            new Views.TaskRef(
                h.task().id().value(), h.task().record().type(), h.task().record().queue()));
      }
      views.add(
          new Views.RemoteWorkerView(
              w.id,
              w.labels,
              w.queues,
              w.types,
              w.concurrency,
              w.held.size(),
              tasks,
              w.registeredAt,
              w.heartbeatAt,
              w.seenAt));
    }
    views.sort(java.util.Comparator.comparing(Views.RemoteWorkerView::id));
    return views;
  }

  private static final int MAX_TASKS_SHOWN = 20;

  /** A node as the listing gathers it: its heartbeat if any, then its RUNNING tasks. */
  private static final class NodeTally {
    final Views.Beat beat;
    final boolean alive;
    int running;
    final List<Views.TaskRef> tasks = new ArrayList<>();

    NodeTally(Views.Beat beat, boolean alive) {
      this.beat = beat;
      this.alive = alive;
    }
  }

  private static Reply live(ApiServer.LivenessCheck liveness) {
    String problem = liveness.problem();
    return problem == null
        ? Reply.ok(new Views.Health("UP", null))
        : new Reply(503, new Views.Health("DOWN", problem), "application/json");
  }

  private static Reply ready(Baton baton) {
    try {
      baton.backend().ping();
      return Reply.ok(new Views.Health("UP", null));
    } catch (RuntimeException e) {
      return new Reply(503, new Views.Health("DOWN", e.getMessage()), "application/json");
    }
  }
}
