package dev.baton.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.spi.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Task and schedule records as Redis hash fields. Times are epoch microseconds (what Redis's TIME
 * gives), durations nanoseconds, everything as decimal text; a null field is absent.
 */
final class Fields {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fields() {}

  static String micros(Instant at) {
    return Long.toString(Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
        at.getNano() / 1000));
  }

  static String micros(Duration d) {
    return Long.toString(Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L),
        d.getNano() / 1000));
  }

  static Instant instant(String micros) {
    if (micros == null) {
      return null;
    }
    long m = Long.parseLong(micros);
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }

  /** A new task's fields, counted: the insert script's input. */
  static void newTask(List<String> out, NewTask t) {
    int start = out.size();
    out.add("");
    put(out, "id", t.id().value());
    put(out, "type", t.type());
    put(out, "queue", t.queue());
    put(out, "payload", t.payload());
    put(out, "prio", Integer.toString(t.priority()));
    put(out, "max", Integer.toString(t.maxAttempts()));
    if (t.runAt() != null) {
      put(out, "runAt", micros(t.runAt()));
    }
    if (t.timeout() != null) {
      put(out, "timeout", Long.toString(t.timeout().toNanos()));
    }
    putIf(out, "corr", t.correlationId());
    putIf(out, "owner", t.owner());
    putIf(out, "sched", t.scheduleId());
    out.set(start, Integer.toString((out.size() - start - 1) / 2));
  }

  /** A full record's fields, counted, for restore; the store assigns the sequence. */
  static void record(List<String> out, TaskRecord t) {
    int start = out.size();
    out.add("");
    put(out, "id", t.id().value());
    put(out, "type", t.type());
    put(out, "queue", t.queue());
    put(out, "payload", t.payload());
    put(out, "prio", Integer.toString(t.priority()));
    put(out, "runAt", micros(t.runAt()));
    put(out, "status", t.status().name());
    put(out, "att", Integer.toString(t.attempts()));
    put(out, "max", Integer.toString(t.maxAttempts()));
    if (t.timeout() != null) {
      put(out, "timeout", Long.toString(t.timeout().toNanos()));
    }
    putIf(out, "lo", t.leaseOwner());
    putIf(out, "lt", t.leaseToken());
    if (t.leaseDeadline() != null) {
      put(out, "ld", micros(t.leaseDeadline()));
    }
    putIf(out, "state", t.state());
    putIf(out, "result", t.result());
    if (!t.errors().isEmpty()) {
      StringBuilder errors = new StringBuilder("[");
      for (TaskError e : t.errors()) {
        errors.append(errors.length() > 1 ? "," : "").append(error(e));
      }
      put(out, "errors", errors.append(']').toString());
    }
    put(out, "exec", Long.toString(t.executionTime().toNanos()));
    putIf(out, "corr", t.correlationId());
    putIf(out, "owner", t.owner());
    putIf(out, "sched", t.scheduleId());
    put(out, "created", micros(t.createdAt()));
    if (t.startedAt() != null) {
      put(out, "started", micros(t.startedAt()));
    }
    if (t.finishedAt() != null) {
      put(out, "finished", micros(t.finishedAt()));
    }
    put(out, "updated", micros(t.updatedAt()));
    out.set(start, Integer.toString((out.size() - start - 1) / 2));
  }

  private static void put(List<String> out, String field, String value) {
    out.add(field);
    out.add(value);
  }

  private static void putIf(List<String> out, String field, String value) {
    if (value != null) {
      put(out, field, value);
    }
  }

  /** One error entry as JSON; "at" in epoch microseconds, as the scripts write it too. */
  static String error(TaskError error) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("at", micros(error.at()))
        .put("attempt", error.attempt())
        .put("message", error.message())
        .put("exceptionClass", error.exceptionClass())
        .put("stackTrace", error.stackTrace());
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error entry as JSON", e);
    }
  }

  static List<TaskError> errors(String json) {
    if (json == null || json.isEmpty() || json.equals("[]")) {
      return List.of();
    }
    try {
      JsonNode array = MAPPER.readTree(json);
      List<TaskError> errors = new ArrayList<>(array.size());
      for (JsonNode node : array) {
        errors.add(new TaskError(instant(node.path("at").asText()), node.path("attempt").asInt(),
            node.path("message").asText(""), node.path("exceptionClass").asText(""),
            node.path("stackTrace").asText("")));
      }
      return errors;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task's stored error history is not valid JSON: " + json, e);
    }
  }

  static Map<String, String> map(Object reply) {
    List<?> flat = (List<?>) reply;
    Map<String, String> map = new HashMap<>(flat.size());
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    return map;
  }

  static TaskRecord task(Object reply) {
    Map<String, String> m = map(reply);
    String timeout = m.get("timeout");
    return new TaskRecord(
        TaskId.of(m.get("id")),
        m.get("type"),
        m.get("queue"),
        m.get("payload"),
        Integer.parseInt(m.get("prio")),
        instant(m.get("runAt")),
        TaskStatus.valueOf(m.get("status")),
        Integer.parseInt(m.get("att")),
        Integer.parseInt(m.get("max")),
        timeout == null ? null : Duration.ofNanos(Long.parseLong(timeout)),
        emptyAsNull(m.get("lo")),
        emptyAsNull(m.get("lt")),
        instant(emptyAsNull(m.get("ld"))),
        m.get("state"),
        m.get("result"),
        errors(m.get("errors")),
        Duration.ofNanos(Long.parseLong(m.getOrDefault("exec", "0"))),
        m.get("corr"),
        m.get("owner"),
        m.get("sched"),
        instant(m.get("created")),
        instant(m.get("started")),
        instant(m.get("finished")),
        instant(m.get("updated")),
        Long.parseLong(m.get("seq")));
  }

  /** Settled tasks keep empty lease fields, which read as none. */
  private static String emptyAsNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** A schedule's fields as flat pairs, nulls left out; created, updated and version too. */
  static List<String> scheduleFields(ScheduleRecord s) {
    List<String> out = new ArrayList<>();
    put(out, "name", s.name());
    put(out, "kind", s.kind().name());
    put(out, "expr", s.expression());
    putIf(out, "zone", s.zone());
    put(out, "ttype", s.taskType());
    put(out, "payload", s.payload());
    put(out, "queue", s.queue());
    put(out, "prio", Integer.toString(s.priority()));
    put(out, "maxRuns", Long.toString(s.maxRuns()));
    put(out, "runCount", Long.toString(s.runCount()));
    put(out, "enabled", s.enabled() ? "1" : "0");
    if (s.lastRunAt() != null) {
      put(out, "lastRun", micros(s.lastRunAt()));
    }
    if (s.nextRunAt() != null) {
      put(out, "nextRun", micros(s.nextRunAt()));
    }
    putIf(out, "desc", s.description());
    put(out, "misfire", s.misfirePolicy().name());
    return out;
  }

  static ScheduleRecord schedule(Object reply) {
    Map<String, String> m = map(reply);
    if (m.get("name") == null) {
      return null;
    }
    return new ScheduleRecord(
        m.get("name"),
        ScheduleKind.valueOf(m.get("kind")),
        m.get("expr"),
        m.get("zone"),
        m.get("ttype"),
        m.get("payload"),
        m.get("queue"),
        Integer.parseInt(m.get("prio")),
        Long.parseLong(m.get("maxRuns")),
        Long.parseLong(m.get("runCount")),
        "1".equals(m.get("enabled")),
        instant(m.get("lastRun")),
        instant(m.get("nextRun")),
        m.get("desc"),
        MisfirePolicy.valueOf(m.get("misfire")),
        instant(m.get("created")),
        instant(m.get("updated")),
        Long.parseLong(m.get("version")));
  }
}
