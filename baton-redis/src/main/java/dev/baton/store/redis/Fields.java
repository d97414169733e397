package dev.baton.store.redis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Task records as JSON objects of string fields (one Redis string per task) and schedules as hash
 * fields. Times are epoch microseconds (what Redis's TIME gives), durations nanoseconds, numbers as
 * decimal text, so that the scripts' JSON library never rounds them; a null field is absent.
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

  /**
   * A new task as the insert script reads it: id, queue, type, priority, run-at or empty for the
   * store's now, and the record as a JSON object of string fields.
   */
  static void newTask(List<String> out, NewTask t) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", t.id().value());
    json.put("type", t.type());
    json.put("queue", t.queue());
    json.put("payload", t.payload());
    json.put("prio", Integer.toString(t.priority()));
    json.put("max", Integer.toString(t.maxAttempts()));
    if (t.runAt() != null) {
      json.put("runAt", micros(t.runAt()));
    }
    if (t.timeout() != null) {
      json.put("timeout", Long.toString(t.timeout().toNanos()));
    }
    putIf(json, "corr", t.correlationId());
    putIf(json, "owner", t.owner());
    putIf(json, "sched", t.scheduleId());
    out.add(t.id().value());
    out.add(t.queue());
    out.add(t.type());
    out.add(Integer.toString(t.priority()));
    out.add(t.runAt() == null ? "" : micros(t.runAt()));
    out.add(write(json));
  }

  /** A full record as the insert script reads it, for restore; the store assigns the sequence. */
  static void record(List<String> out, TaskRecord t) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", t.id().value());
    json.put("type", t.type());
    json.put("queue", t.queue());
    json.put("payload", t.payload());
    json.put("prio", Integer.toString(t.priority()));
    json.put("runAt", micros(t.runAt()));
    json.put("status", t.status().name());
    json.put("att", Integer.toString(t.attempts()));
    json.put("max", Integer.toString(t.maxAttempts()));
    if (t.timeout() != null) {
      json.put("timeout", Long.toString(t.timeout().toNanos()));
    }
    putIf(json, "lo", t.leaseOwner());
    putIf(json, "lt", t.leaseToken());
    if (t.leaseDeadline() != null) {
      json.put("ld", micros(t.leaseDeadline()));
    }
    putIf(json, "state", t.state());
    putIf(json, "result", t.result());
    if (!t.errors().isEmpty()) {
      StringBuilder errors = new StringBuilder("[");
      for (TaskError e : t.errors()) {
        errors.append(errors.length() > 1 ? "," : "").append(error(e));
      }
      json.put("errors", errors.append(']').toString());
    }
    json.put("exec", Long.toString(t.executionTime().toNanos()));
    putIf(json, "corr", t.correlationId());
    putIf(json, "owner", t.owner());
    putIf(json, "sched", t.scheduleId());
    json.put("created", micros(t.createdAt()));
    if (t.startedAt() != null) {
      json.put("started", micros(t.startedAt()));
    }
    if (t.finishedAt() != null) {
      json.put("finished", micros(t.finishedAt()));
    }
    json.put("updated", micros(t.updatedAt()));
    out.add(t.id().value());
    out.add(t.queue());
    out.add(t.type());
    out.add(Integer.toString(t.priority()));
    out.add(micros(t.runAt()));
    out.add(write(json));
  }

  private static void putIf(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  private static String write(ObjectNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a task as JSON", e);
    }
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

  /** The task records of a script's reply, a list of stored JSON objects, in order. */
  static List<TaskRecord> tasks(List<Object> reply) {
    List<TaskRecord> tasks = new ArrayList<>(reply.size());
    for (Object task : reply) {
      tasks.add(task(task));
    }
    return tasks;
  }

  /** A task record from its stored JSON object of string fields. */
  static TaskRecord task(Object reply) {
    Map<String, String> m = new HashMap<>(48);
    // Streamed, not read as a tree: every claimed task passes here, and its fields are flat strings.
    try (JsonParser parser = MAPPER.getFactory().createParser((String) reply)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("a stored task is not a JSON object: " + reply);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        m.put(field, parser.getText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("a stored task is not valid JSON: " + reply, e);
    }
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
        m.get("lo"),
        m.get("lt"),
        instant(m.get("ld")),
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
