package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Baton;
import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.SettleBatch;
import dev.baton.TaskId;
import dev.baton.TaskNotFoundException;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.server.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/workers}: the HTTP worker protocol (docs/workers.md). Each body is read and
 * checked in full before the worker or the task is looked up, so a bad field is a 400 whatever else
 * is wrong.
 */
final class WorkerRoutes {
  static final int MAX_QUEUES = 100;
  static final int MAX_LABELS = 20;
  static final int MAX_CONCURRENCY = 1_000;
  static final int MAX_FETCH = 1_000;
  static final int MAX_SETTLEMENTS = 1_000;
  static final int MAX_ID_CHARS = 200;

  // The one rule of queue and type names (TaskType), so that a worker asks for what can exist.
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.:\\-]{1,100}");

  private final Baton baton;
  private final RemoteWorkers workers;

  private WorkerRoutes(Baton baton, RemoteWorkers workers) {
    this.baton = baton;
    this.workers = workers;
  }

  static void add(List<Route> routes, Baton baton, RemoteWorkers workers) {
    WorkerRoutes w = new WorkerRoutes(baton, workers);
    routes.add(Route.of("POST", "/api/v1/workers", w::register));
    routes.add(Route.of("DELETE", "/api/v1/workers/{worker}", w::leave));
    routes.add(Route.of("POST", "/api/v1/workers/{worker}/fetch", w::fetch));
    routes.add(Route.of("POST", "/api/v1/workers/{worker}/heartbeat", w::heartbeat));
    routes.add(Route.of("POST", "/api/v1/workers/{worker}/settle", w::settleMany));
    for (String verb : List.of("ack", "fail", "suspend", "release")) {
      routes.add(
          Route.of(
              "POST",
              "/api/v1/workers/{worker}/tasks/{task}/" + verb,
              call -> w.settleOne(call, verb)));
    }
    routes.add(Route.of("POST", "/api/v1/workers/{worker}/tasks/{task}/extend", w::extend));
  }

  private Reply register(RouteRequest call) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    String id = BodyFields.text(body, "id");
    if (id == null) {
      id = "worker-" + UUID.randomUUID();
    } else if (id.isEmpty()
        || id.length() > MAX_ID_CHARS
        || id.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest(
          "id", id, "'id' must be 1 to " + MAX_ID_CHARS + " characters with no control characters");
    }
    List<String> queues = names(body, "queues", true, MAX_QUEUES);
    List<String> types = names(body, "types", false, MAX_QUEUES);
    Map<String, String> labels = labels(body);
    Integer concurrency = BodyFields.integer(body, "concurrency");
    if (concurrency != null && (concurrency < 1 || concurrency > MAX_CONCURRENCY)) {
      throw ApiException.badRequest(
          "concurrency", concurrency, "'concurrency' must be from 1 to " + MAX_CONCURRENCY);
    }
    RemoteWorkers.Worker worker =
        workers.register(id, queues, types, labels, concurrency == null ? 1 : concurrency);
    WorkerProtocol p = workers.protocol();
    return Reply.created(
        new Views.WorkerRegistered(
            worker.id, p.heartbeatInterval(), p.missedHeartbeats(), p.lease(), p.maxWait()));
  }

  private static List<String> names(JsonNode body, String field, boolean required, int max) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw ApiException.badRequest(
            field, null, "'" + field + "' is required: a list of 1 to " + max + " names");
      }
      return List.of();
    }
    if (!node.isArray() || (required && node.isEmpty()) || node.size() > max) {
      throw ApiException.badRequest(
          field,
          node,
          "'" + field + "' must be a list of " + (required ? 1 : 0) + " to " + max + " names");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode name = node.get(i);
      String where = field + "[" + i + "]";
      if (!name.isTextual()) {
        throw ApiException.badRequest(
            where, name, "'" + where + "' must be a string but was " + name);
      }
      if (!NAME.matcher(name.asText()).matches()) {
        throw ApiException.badRequest(
            where,
            name.asText(),
            "'"
                + where
                + "' must be 1 to 100 letters, digits or _ - . :"
                + " but was '"
                + name.asText()
                + "'");
      }
      names.add(name.asText());
    }
    return List.copyOf(names);
  }

  private static Map<String, String> labels(JsonNode body) {
    JsonNode node = body.get("labels");
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject() || node.size() > MAX_LABELS) {
      throw ApiException.badRequest(
          "labels", node, "'labels' must be an object of up to " + MAX_LABELS + " string values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "labels." + e.getKey();
      if (!e.getValue().isTextual()
          || e.getKey().length() > MAX_ID_CHARS
          || e.getValue().asText().length() > MAX_ID_CHARS) {
        throw ApiException.badRequest(
            where,
            e.getValue(),
            "'"
                + where
                + "' must be a string; keys and values up to "
                + MAX_ID_CHARS
                + " characters");
      }
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  private Reply fetch(RouteRequest call) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    Integer max = BodyFields.integer(body, "max");
    if (max != null && (max < 1 || max > MAX_FETCH)) {
      throw ApiException.badRequest("max", max, "'max' must be from 1 to " + MAX_FETCH);
    }
    Duration limit = workers.protocol().maxWait();
    Duration wait = BodyFields.duration(body, "wait");
    if (wait != null && wait.compareTo(limit) > 0) {
      throw ApiException.badRequest(
          "wait",
          body.get("wait").asText(),
          "'wait' must be from 0 to " + limit + " (server.workers.max-wait)");
    }
    RemoteWorkers.Worker worker = workers.require(call.path("worker"));
    List<RemoteWorkers.Held> held =
        workers.fetch(worker, max == null ? 1 : max, wait == null ? limit : wait);
    List<Views.LeasedView> tasks = new ArrayList<>(held.size());
    for (RemoteWorkers.Held h : held) {
      tasks.add(Views.LeasedView.of(h.task().record(), h.lease()));
    }
    return Reply.ok(new Views.Fetched(workers.orders().name(), tasks));
  }

  private Reply heartbeat(RouteRequest call) throws Exception {
    BodyFields.object(call.body(), "body");
    RemoteWorkers.Worker worker = workers.require(call.path("worker"));
    List<String> lost = workers.heartbeat(worker);
    return Reply.ok(new Views.HeartbeatView(workers.orders().name(), worker.held.size(), lost));
  }

  private Reply leave(RouteRequest call) {
    String id = call.path("worker");
    if (!workers.remove(id)) {
      throw new ApiException(404, "worker", id, "no worker '" + id + "' is registered");
    }
    return Reply.noContent();
  }

  /** One settlement as read from a body: what to do with which task under which lease. */
  private record Settlement(
      TaskId task, String lease, String outcome, JsonNode body, String prefix) {}

  private Reply settleOne(RouteRequest call, String verb) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    TaskId task = BodyFields.about("task", call.path("task"), () -> TaskId.of(call.path("task")));
    Settlement s = read(body, task, verb, "");
    RemoteWorkers.Worker worker = workers.find(call.path("worker"));
    TaskStatus status = apply(worker, s);
    return Reply.ok(new Views.Settled(task.value(), status));
  }

  private Reply extend(RouteRequest call) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    TaskId task = BodyFields.about("task", call.path("task"), () -> TaskId.of(call.path("task")));
    String lease = BodyFields.requiredText(body, "lease");
    Duration by = BodyFields.duration(body, "by");
    if (by != null && by.compareTo(Duration.ofSeconds(1)) < 0) {
      throw ApiException.badRequest("by", body.get("by").asText(), "'by' must be at least 1s");
    }
    RemoteWorkers.Worker worker = workers.find(call.path("worker"));
    RemoteWorkers.Held held = worker == null ? null : workers.peek(worker, task, lease);
    if (held == null) {
      throw refused(task);
    }
    try {
      held.task().extend(by == null ? workers.protocol().lease() : by);
    } catch (LeaseLostException | IllegalStateException e) {
      worker.held.remove(task, held);
      throw leaseLost(task, e);
    }
    TaskRecord record = baton.task(task).get().orElseThrow(() -> new TaskNotFoundException(task));
    return Reply.ok(new Views.Extended(task.value(), record.leaseDeadline()));
  }

  private Reply settleMany(RouteRequest call) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    JsonNode list = body.get("settlements");
    if (list == null || !list.isArray() || list.size() > MAX_SETTLEMENTS) {
      throw ApiException.badRequest(
          "settlements",
          list,
          "'settlements' must be a list of up to " + MAX_SETTLEMENTS + " settlements");
    }
    List<Settlement> settlements = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String prefix = "settlements[" + i + "].";
      JsonNode item = BodyFields.object(list.get(i), "settlements[" + i + "]");
      String taskText = required(item, "task", prefix);
      TaskId task = BodyFields.about(prefix + "task", taskText, () -> TaskId.of(taskText));
      String outcome = required(item, "outcome", prefix);
      if (!List.of("ack", "fail", "suspend", "release").contains(outcome)) {
        throw ApiException.badRequest(
            prefix + "outcome",
            outcome,
            "'"
                + prefix
                + "outcome' must be ack, fail, suspend"
                + " or release but was '"
                + outcome
                + "'");
      }
      settlements.add(read(item, task, outcome, prefix));
    }
    RemoteWorkers.Worker worker = workers.find(call.path("worker"));
    Views.SettleResult[] results = new Views.SettleResult[settlements.size()];
    SettleBatch batch = baton.settleBatch();
    List<RemoteWorkers.Held> taken = new ArrayList<>(settlements.size());
    List<Integer> at = new ArrayList<>(settlements.size());
    List<SettleBatch.Result> applied;
    try {
      for (int i = 0; i < settlements.size(); i++) {
        Settlement s = settlements.get(i);
        RemoteWorkers.Held held = worker == null ? null : workers.take(worker, s.task(), s.lease());
        if (held == null) {
          ApiException refused = refused(s.task());
          results[i] =
              new Views.SettleResult(
                  s.task().value(), null, refused.status == 404 ? "not-found" : "lease-lost");
          continue;
        }
        taken.add(held);
        at.add(i);
        add(batch, held.task(), s.body(), s.outcome());
      }
      // One backend write for the whole call, however many tasks it settles.
      applied = batch.apply();
    } catch (RuntimeException e) {
      // Nothing stored (a backend failure, a state that is not JSON): the worker still holds them.
      for (RemoteWorkers.Held held : taken) {
        workers.putBack(worker, held);
      }
      throw e;
    }
    for (int j = 0; j < applied.size(); j++) {
      SettleBatch.Result r = applied.get(j);
      results[at.get(j)] =
          r.verdict() == SettleBatch.Verdict.APPLIED
              ? new Views.SettleResult(r.id().value(), r.status(), null)
              : new Views.SettleResult(r.id().value(), null, "lease-lost");
    }
    if (!taken.isEmpty()) {
      workers.settled(worker);
    }
    return Reply.ok(new Views.SettleResults(List.of(results)));
  }

  /** Adds a checked settlement of a held task to a batch. */
  private static void add(SettleBatch batch, LeasedTask task, JsonNode body, String outcome) {
    switch (outcome) {
      case "ack" -> {
        JsonNode result = body.get("result");
        if (result == null || result.isNull()) {
          batch.ack(task);
        } else {
          batch.ack(task, result);
        }
      }
      case "fail" -> {
        JsonNode error = body.get("error");
        String message = error.get("message").asText();
        String kind = BodyFields.text(error, "kind");
        String reason = kind == null || kind.isBlank() ? message : kind + ": " + message;
        JsonNode retry = body.get("retry");
        Duration after = BodyFields.duration(body, "retryAfter");
        if (retry != null && retry.isBoolean() && !retry.asBoolean()) {
          batch.failPermanently(task, reason);
        } else if (after == null) {
          batch.fail(task, reason);
        } else {
          batch.fail(task, reason, after);
        }
      }
      case "suspend" -> {
        Duration after = BodyFields.duration(body, "after");
        JsonNode state = body.get("state");
        batch.suspend(
            task,
            after == null ? Durations.MAX : after,
            state == null || state.isNull() ? null : state);
      }
      default -> batch.release(task);
    }
  }

  private static String required(JsonNode body, String field, String prefix) {
    try {
      return BodyFields.requiredText(body, field);
    } catch (ApiException e) {
      throw new ApiException(
          400,
          prefix + field,
          e.value,
          prefix.isEmpty()
              ? e.getMessage()
              : e.getMessage().replace("'" + field + "'", "'" + prefix + field + "'"));
    }
  }

  /** Reads and checks a settlement's fields; the field names in errors carry the prefix. */
  private static Settlement read(JsonNode body, TaskId task, String outcome, String prefix) {
    try {
      String lease = BodyFields.requiredText(body, "lease");
      switch (outcome) {
        case "fail" -> {
          JsonNode error = body.get("error");
          if (error == null || !error.isObject()) {
            throw ApiException.badRequest(
                "error", error, "'error' must be an object: {\"message\": ..., \"kind\"?: ...}");
          }
          nested("error.", () -> BodyFields.requiredText(error, "message"));
          nested("error.", () -> BodyFields.text(error, "kind"));
          JsonNode retry = body.get("retry");
          if (retry != null && !retry.isNull() && !retry.isBoolean()) {
            throw ApiException.badRequest(
                "retry", retry, "'retry' must be true or false but was " + retry);
          }
          BodyFields.duration(body, "retryAfter");
        }
        case "suspend" -> BodyFields.duration(body, "after");
        default -> {}
      }
      return new Settlement(task, lease, outcome, body, prefix);
    } catch (ApiException e) {
      if (prefix.isEmpty()) {
        throw e;
      }
      throw new ApiException(
          400,
          prefix + e.field,
          e.value,
          e.getMessage().replace("'" + e.field + "'", "'" + prefix + e.field + "'"),
          e);
    }
  }

  private static <T> T nested(String prefix, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (ApiException e) {
      throw new ApiException(
          400,
          prefix + e.field,
          e.value,
          e.getMessage().replace("'" + e.field + "'", "'" + prefix + e.field + "'"),
          e);
    }
  }

  /**
   * Applies a checked settlement as a batch of one, so that a single call and the batch settle map
   * bodies to outcomes alike and take the new status from the settlement itself; 409 for a lease
   * the worker does not hold (or a worker no longer registered), 404 for no such task.
   */
  private TaskStatus apply(RemoteWorkers.Worker worker, Settlement s) {
    RemoteWorkers.Held held = worker == null ? null : workers.take(worker, s.task(), s.lease());
    if (held == null) {
      throw refused(s.task());
    }
    SettleBatch.Result result;
    try {
      SettleBatch batch = baton.settleBatch();
      add(batch, held.task(), s.body(), s.outcome());
      result = batch.apply().get(0);
    } catch (RuntimeException e) {
      // Nothing changed (a backend failure, a state that is not JSON): the worker still holds it.
      workers.putBack(worker, held);
      throw e;
    }
    workers.settled(worker);
    if (result.verdict() != SettleBatch.Verdict.APPLIED) {
      throw leaseLost(s.task(), null);
    }
    return result.status();
  }

  /** The worker does not hold the task under that lease: 404 when no such task exists, else 409. */
  private ApiException refused(TaskId task) {
    if (baton.task(task).get().isEmpty()) {
      return new ApiException(404, "task", task.value(), "no task " + task.value());
    }
    return leaseLost(task, null);
  }

  private static ApiException leaseLost(TaskId task, Exception cause) {
    return new ApiException(
        409,
        "lease",
        null,
        "the lease named is not task "
            + task.value()
            + "'s any more (the worker"
            + " was taken for dead, the task was settled or canceled, or the lease ran out); nothing changed",
        cause,
        Problems.LEASE_LOST);
  }
}
