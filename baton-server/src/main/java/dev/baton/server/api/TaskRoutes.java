package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Enqueued;
import dev.baton.InvalidPayloadException;
import dev.baton.TaskId;
import dev.baton.TaskNotFoundException;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.Page;
import dev.baton.spi.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/tasks}: enqueue, batch, read, list, cancel, retry, bulk retry of FAILED. */
final class TaskRoutes {
  private final Baton baton;
  private final RemoteWorkers workers;

  private TaskRoutes(Baton baton, RemoteWorkers workers) {
    this.baton = baton;
    this.workers = workers;
  }

  static void add(List<Route> routes, Baton baton, RemoteWorkers workers) {
    TaskRoutes t = new TaskRoutes(baton, workers);
    routes.add(Route.of("POST", "/api/v1/tasks", t::enqueue));
    routes.add(Route.of("POST", "/api/v1/tasks/batch", t::batch));
    routes.add(Route.of("POST", "/api/v1/tasks/retry-failed", t::retryFailed));
    routes.add(Route.of("GET", "/api/v1/tasks", t::list));
    routes.add(Route.of("GET", "/api/v1/tasks/{id}", t::get));
    routes.add(Route.of("POST", "/api/v1/tasks/{id}/cancel", t::cancel));
    routes.add(Route.of("POST", "/api/v1/tasks/{id}/retry", t::retry));
  }

  private Reply enqueue(RouteRequest call) throws Exception {
    Enqueued e = baton.enqueue(request(call.body(), ""));
    return new Reply(e.created() ? 201 : 200, Views.EnqueuedView.of(e), "application/json");
  }

  private Reply batch(RouteRequest call) throws Exception {
    JsonNode body = call.body();
    JsonNode tasks = body.isArray() ? body : body.get("tasks");
    if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
      throw ApiException.badRequest("tasks", tasks, "'tasks' must be a non-empty array of tasks");
    }
    List<TaskRequest> requests = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      requests.add(request(tasks.get(i), "tasks[" + i + "]."));
    }
    List<Enqueued> enqueued;
    try {
      enqueued = baton.enqueueAll(requests);
    } catch (InvalidPayloadException e) {
      throw inBody(e);
    }
    return Reply.created(new Views.Batch(enqueued.stream().map(Views.EnqueuedView::of).toList()));
  }

  /**
   * Names a batch member's payload by its place in the body ({@code tasks[1].payload}) rather than
   * in the core's list ({@code requests[1].payload}).
   */
  private static RuntimeException inBody(InvalidPayloadException e) {
    if (!e.field().startsWith("requests[")) {
      return e;
    }
    String field = "tasks[" + e.field().substring("requests[".length());
    String detail = field + e.getMessage().substring(e.field().length());
    return new ApiException(Problems.statusOf(e), field, null, detail, e);
  }

  private TaskRequest request(JsonNode body, String prefix) {
    BodyFields.object(body, prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1));
    String type = BodyFields.requiredText(body, "type");
    boolean known = baton.taskTypes().contains(type);
    if (!known && !workers.servesType(type)) {
      // Checked here too so that a batch names which of its tasks is wrong.
      throw ApiException.badRequest(
          prefix + "type",
          type,
          "Unknown task type '"
              + type
              + "'; known types: "
              + new java.util.TreeSet<>(baton.taskTypes()));
    }
    JsonNode payload = body.get("payload");
    if (payload == null) {
      throw ApiException.badRequest(
          prefix + "payload", null, "'" + prefix + "payload' is required (JSON; {} for none)");
    }
    Enqueue o = Enqueue.options();
    String id = BodyFields.text(body, "id");
    if (id != null) {
      Enqueue base = o;
      o = BodyFields.about(prefix + "id", id, () -> base.id(id));
    }
    o = option(o, prefix + "queue", BodyFields.text(body, "queue"), Enqueue::queue);
    o = option(o, prefix + "priority", BodyFields.integer(body, "priority"), Enqueue::priority);
    o = option(o, prefix + "delay", BodyFields.duration(body, "delay"), Enqueue::delay);
    o = option(o, prefix + "runAt", BodyFields.instant(body, "runAt"), Enqueue::runAt);
    o =
        option(
            o,
            prefix + "maxAttempts",
            BodyFields.integer(body, "maxAttempts"),
            Enqueue::maxAttempts);
    String retry = BodyFields.text(body, "retryPolicy");
    if (retry != null) {
      o = o.retry(BodyFields.about(prefix + "retryPolicy", retry, () -> RetryPolicy.parse(retry)));
    }
    o = option(o, prefix + "timeout", BodyFields.duration(body, "timeout"), Enqueue::timeout);
    o =
        option(
            o,
            prefix + "correlationId",
            BodyFields.text(body, "correlationId"),
            Enqueue::correlationId);
    if (!known) {
      // A type only remote workers run: any JSON payload, the default queue unless one is named.
      return new TaskRequest(
          type,
          dev.baton.TaskType.of(type, JsonNode.class),
          new TaskRequest.RawJson(payload.toString()),
          o);
    }
    return TaskRequest.json(type, payload.toString(), o);
  }

  private static <V> Enqueue option(
      Enqueue o, String field, V value, java.util.function.BiFunction<Enqueue, V, Enqueue> set) {
    return value == null ? o : BodyFields.about(field, value, () -> set.apply(o, value));
  }

  private Reply get(RouteRequest call) {
    TaskId id = id(call);
    TaskRecord task = baton.task(id).get().orElseThrow(() -> new TaskNotFoundException(id));
    return Reply.ok(Views.TaskView.of(task));
  }

  private Reply list(RouteRequest call) {
    TaskStatus status = status(call.query("status"));
    int offset = call.intQuery("offset", 0);
    int limit = call.intQuery("limit", 50);
    String queue = blank(call.query("queue"));
    if (queue != null) {
      // A name no task can have is a mistake in the request, not an empty answer.
      BodyFields.about("queue", queue, () -> dev.baton.TaskType.checkQueueName(queue));
    }
    TaskQuery query =
        BodyFields.about(
            "limit",
            limit,
            () -> new TaskQuery(status, queue, blank(call.query("type")), offset, limit));
    Page<TaskRecord> page = baton.tasks(query);
    List<Views.TaskView> items = page.items().stream().map(Views.TaskView::of).toList();
    return Reply.ok(new Views.PageView<>(items, page.total(), page.offset(), limit));
  }

  private Reply cancel(RouteRequest call) {
    TaskId id = id(call);
    requireExists(id);
    return Reply.ok(new Views.Canceled(id.value(), baton.cancel(id)));
  }

  private Reply retry(RouteRequest call) {
    TaskId id = id(call);
    requireExists(id);
    return Reply.ok(new Views.Retried(id.value(), baton.retry(id)));
  }

  private Reply retryFailed(RouteRequest call) {
    long retried = 0;
    // Each pass requeues a page; retried tasks leave FAILED, so the next pass sees the rest.
    while (true) {
      Page<TaskRecord> page = baton.tasks(TaskQuery.byStatus(TaskStatus.FAILED, 1000));
      long before = retried;
      for (TaskRecord t : page.items()) {
        retried += baton.retry(t.id()) ? 1 : 0;
      }
      if (page.items().size() < 1000 || retried == before) {
        break;
      }
    }
    return Reply.ok(new Views.RetriedCount(retried));
  }

  private void requireExists(TaskId id) {
    if (baton.task(id).get().isEmpty()) {
      throw new TaskNotFoundException(id);
    }
  }

  private static TaskId id(RouteRequest call) {
    return BodyFields.about("id", call.path("id"), () -> TaskId.of(call.path("id")));
  }

  private static TaskStatus status(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return TaskStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "status",
          text,
          "'status' must be one of " + List.of(TaskStatus.values()) + " but was '" + text + "'");
    }
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
