package dev.baton.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.Baton;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.server.NodeRegistry;
import dev.baton.spi.Page;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Queues (counts by state), nodes, health, the OpenAPI document and the metrics endpoint. */
final class SystemRoutes {
  private SystemRoutes() {}

  static void add(List<Route> routes, Baton baton, ApiServer.MetricsSource metrics, ApiServer.LivenessCheck liveness) {
    routes.add(Route.of("GET", "/api/v1/queues", call -> Reply.ok(queueCounts(baton))));
    routes.add(Route.of("POST", "/api/v1/queues/{queue}/pause", call -> pause(baton, call.path("queue"), true)));
    routes.add(Route.of("POST", "/api/v1/queues/{queue}/resume", call -> pause(baton, call.path("queue"), false)));
    routes.add(Route.of("GET", "/api/v1/nodes", call -> nodes(baton)));
    routes.add(Route.of("GET", "/api/v1/health/live", call -> live(liveness)));
    routes.add(Route.of("GET", "/api/v1/health/ready", call -> ready(baton)));
    String openapi = resource("openapi.json");
    routes.add(Route.of("GET", "/api/v1/openapi.json", call -> new Reply(200, openapi, "application/json")));
    if (metrics != null) {
      routes.add(Route.of("GET", "/metrics", call -> new Reply(200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8")));
    }
  }

  /**
   * Counts by queue and status, with the QUEUED tasks split into ready and scheduled and whether
   * each queue is paused; a paused queue with no task is listed too.
   */
  static ObjectNode queueCounts(Baton baton) {
    Map<String, Map<String, Long>> byQueue = new TreeMap<>();
    Map<String, long[]> waiting = new TreeMap<>();
    for (QueueCount c : baton.counts()) {
      byQueue.computeIfAbsent(c.queue(), q -> new TreeMap<>()).merge(c.status().name(), c.count(), Long::sum);
      long[] readyScheduled = waiting.computeIfAbsent(c.queue(), q -> new long[2]);
      readyScheduled[0] += c.ready();
      readyScheduled[1] += c.scheduled();
    }
    Set<String> paused = pausedQueues(baton);
    paused.forEach(queue -> byQueue.computeIfAbsent(queue, q -> new TreeMap<>()));
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    var items = n.putArray("items");
    byQueue.forEach((queue, counts) -> {
      ObjectNode q = items.addObject();
      q.put("queue", queue);
      q.put("paused", paused.contains(queue));
      q.set("counts", ApiJson.MAPPER.valueToTree(counts));
      long[] readyScheduled = waiting.getOrDefault(queue, new long[2]);
      q.put("ready", readyScheduled[0]);
      q.put("scheduled", readyScheduled[1]);
    });
    return n;
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
        Fields.about("queue", queue, () -> pause ? baton.pauseQueue(queue) : baton.resumeQueue(queue));
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    n.put("queue", queue);
    n.put("paused", pause);
    n.put("changed", changed);
    return Reply.ok(n);
  }

  /**
   * Live nodes from their heartbeats, joined with the RUNNING tasks by lease owner: an idle node is
   * listed, and so is a node that holds leases without a heartbeat (an embedded library instance).
   */
  private static Reply nodes(Baton baton) {
    Map<String, ObjectNode> byNode = new TreeMap<>();
    for (NodeRegistry.Heartbeat beat : NodeRegistry.alive(baton.backend())) {
      ObjectNode n = ApiJson.MAPPER.valueToTree(beat);
      n.put("alive", true);
      byNode.put(beat.node(), n);
    }
    byNode.computeIfAbsent(baton.nodeId(), id -> bare(id, true));
    Page<TaskRecord> page = baton.tasks(new TaskQuery(TaskStatus.RUNNING, null, null, 0, 1000));
    for (TaskRecord t : page.items()) {
      if (t.leaseOwner() == null) {
        continue;
      }
      ObjectNode n = byNode.computeIfAbsent(t.leaseOwner(), id -> bare(id, false));
      n.put("running", n.path("running").asInt() + 1);
      ArrayNode tasks = tasksOf(n);
      if (tasks.size() < MAX_TASKS_SHOWN) {
        tasks.addObject().put("id", t.id().value()).put("type", t.type()).put("queue", t.queue());
      }
    }
    ObjectNode answer = ApiJson.MAPPER.createObjectNode();
    answer.put("self", baton.nodeId());
    var items = answer.putArray("items");
    byNode.values().forEach(n -> {
      n.put("running", n.path("running").asInt());
      tasksOf(n);
      items.add(n);
    });
    return Reply.ok(answer);
  }

  private static final int MAX_TASKS_SHOWN = 20;

  private static ArrayNode tasksOf(ObjectNode node) {
    return node.get("tasks") instanceof ArrayNode tasks ? tasks : node.putArray("tasks");
  }

  private static ObjectNode bare(String node, boolean alive) {
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    n.put("node", node);
    n.put("alive", alive);
    return n;
  }

  private static Reply live(ApiServer.LivenessCheck liveness) {
    String problem = liveness.problem();
    return problem == null
        ? Reply.ok(status("UP", null))
        : new Reply(503, status("DOWN", problem), "application/json");
  }

  private static Reply ready(Baton baton) {
    try {
      baton.backend().ping();
      return Reply.ok(status("UP", null));
    } catch (RuntimeException e) {
      return new Reply(503, status("DOWN", e.getMessage()), "application/json");
    }
  }

  private static ObjectNode status(String status, String detail) {
    ObjectNode n = ApiJson.MAPPER.createObjectNode();
    n.put("status", status);
    if (detail != null) {
      n.put("detail", detail);
    }
    return n;
  }

  private static String resource(String name) {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/baton/server/api/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
