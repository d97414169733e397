package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.Enqueued;
import dev.baton.TaskRequest;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleNotFoundException;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.schedule.ScheduleSpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/schedules}: upsert by name, read, list, delete, pause, resume, trigger, next. */
final class ScheduleRoutes {
  private final Baton baton;

  private ScheduleRoutes(Baton baton) {
    this.baton = baton;
  }

  static void add(List<Route> routes, Baton baton) {
    ScheduleRoutes s = new ScheduleRoutes(baton);
    routes.add(Route.of("GET", "/api/v1/schedules", s::list));
    routes.add(Route.of("POST", "/api/v1/schedules", call -> s.upsert(call, null)));
    routes.add(
        Route.of("PUT", "/api/v1/schedules/{name}", call -> s.upsert(call, call.path("name"))));
    routes.add(Route.of("GET", "/api/v1/schedules/{name}", s::get));
    routes.add(Route.of("DELETE", "/api/v1/schedules/{name}", s::delete));
    routes.add(Route.of("POST", "/api/v1/schedules/{name}/pause", s::pause));
    routes.add(Route.of("POST", "/api/v1/schedules/{name}/resume", s::resume));
    routes.add(Route.of("POST", "/api/v1/schedules/{name}/trigger", s::trigger));
    routes.add(Route.of("GET", "/api/v1/schedules/{name}/next", s::next));
  }

  private Reply upsert(RouteRequest call, String pathName) throws Exception {
    JsonNode body = BodyFields.object(call.body(), "body");
    String name = pathName != null ? pathName : BodyFields.requiredText(body, "name");
    ScheduleSpec spec = spec(body, name);
    boolean existed = baton.schedules().get(name).isPresent();
    ScheduleRecord stored;
    try {
      stored = baton.schedules().upsert(spec);
    } catch (IllegalArgumentException e) {
      // The timing is only checked against the engine here; the zone names itself in the message.
      boolean zone = e.getMessage() != null && e.getMessage().contains("time zone");
      throw new ApiException(
          400,
          zone ? "zone" : "expression",
          zone ? spec.zone() : spec.expression(),
          e.getMessage(),
          e);
    }
    return new Reply(existed ? 200 : 201, Views.ScheduleView.of(stored), "application/json");
  }

  private static ScheduleSpec spec(JsonNode body, String name) {
    ScheduleKind kind = enumOf(ScheduleKind.class, "kind", BodyFields.requiredText(body, "kind"));
    String text = BodyFields.requiredText(body, "expression");
    // An interval reads like every other duration (30s or PT30S) and is stored in ISO-8601.
    String expression =
        kind == ScheduleKind.INTERVAL
            ? BodyFields.parseDuration("expression", text).toString()
            : text;
    String type = BodyFields.requiredText(body, "type");
    JsonNode payload =
        body.has("payload") ? body.get("payload") : ApiJson.MAPPER.createObjectNode();
    Enqueue options = Enqueue.options();
    String queue = BodyFields.text(body, "queue");
    if (queue != null) {
      options = BodyFields.about("queue", queue, () -> Enqueue.options().queue(queue));
    }
    Integer priority = BodyFields.integer(body, "priority");
    if (priority != null) {
      Enqueue base = options;
      options = BodyFields.about("priority", priority, () -> base.priority(priority));
    }
    ScheduleSpec spec =
        BodyFields.about(
            "name",
            name,
            () ->
                new ScheduleSpec(
                    name, kind, expression, null, null, 0, null, MisfirePolicy.FIRE_ONCE));
    String zone = BodyFields.text(body, "zone");
    if (zone != null) {
      try {
        spec = spec.zone(ZoneId.of(zone));
      } catch (DateTimeException e) {
        throw ApiException.badRequest("zone", zone, "unknown time zone '" + zone + "'");
      }
    }
    Integer maxRuns = BodyFields.integer(body, "maxRuns");
    if (maxRuns != null) {
      ScheduleSpec base = spec;
      spec = BodyFields.about("maxRuns", maxRuns, () -> base.maxRuns(maxRuns));
    }
    String misfire = BodyFields.text(body, "misfire");
    if (misfire != null) {
      spec = spec.misfire(enumOf(MisfirePolicy.class, "misfire", misfire));
    }
    return spec.description(BodyFields.text(body, "description"))
        .task(TaskRequest.json(type, payload.toString(), options));
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String text) {
    try {
      return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          field,
          text,
          "'"
              + field
              + "' must be one of "
              + List.of(type.getEnumConstants())
              + " but was '"
              + text
              + "'");
    }
  }

  private Reply list(RouteRequest call) {
    boolean enabledOnly = "true".equalsIgnoreCase(call.query("enabled"));
    List<ScheduleRecord> schedules = baton.schedules().list(enabledOnly);
    return Reply.ok(new Views.Items<>(schedules.stream().map(Views.ScheduleView::of).toList()));
  }

  private Reply get(RouteRequest call) {
    String name = call.path("name");
    ScheduleRecord schedule =
        baton.schedules().get(name).orElseThrow(() -> new ScheduleNotFoundException(name));
    return Reply.ok(Views.ScheduleView.of(schedule));
  }

  private Reply delete(RouteRequest call) {
    String name = call.path("name");
    if (!baton.schedules().delete(name)) {
      throw new ScheduleNotFoundException(name);
    }
    return Reply.noContent();
  }

  private Reply pause(RouteRequest call) {
    baton.schedules().pause(call.path("name"));
    return get(call);
  }

  private Reply resume(RouteRequest call) {
    baton.schedules().resume(call.path("name"));
    return get(call);
  }

  private Reply trigger(RouteRequest call) {
    Enqueued e = baton.schedules().trigger(call.path("name"));
    return Reply.ok(Views.EnqueuedView.of(e));
  }

  private Reply next(RouteRequest call) {
    int count = call.intQuery("count", 5);
    String name = call.path("name");
    List<Instant> times =
        BodyFields.about("count", count, () -> baton.schedules().nextFireTimes(name, count));
    return Reply.ok(new Views.NextTimes(name, times));
  }
}
