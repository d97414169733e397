package dev.baton.store.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.NewTask;
import dev.baton.spi.TaskErrors;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks in their three stored parts (see common.lua): the body and the extras as JSON objects of
 * string fields, the state as '|'-separated fields. Times are epoch microseconds (what Redis's TIME
 * gives), durations nanoseconds, numbers as decimal text, so that the scripts never round them; a
 * null field is absent (empty in a state).
 */
final class TaskCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * A task's state fields, in their stored order: the order and the Lua names of common.lua's
   * STATE_FIELDS, which declares the layout (TaskCodecTest compares the two).
   */
  enum StateField {
    SEQ("seq"),
    STATUS("status"),
    ATTEMPTS("att"),
    EXEC("exec"),
    PRIORITY("prio"),
    RUN_AT("runAt"),
    CREATED("created"),
    UPDATED("updated"),
    STARTED("started"),
    FINISHED("finished"),
    LEASE_DEADLINE("ld"),
    EXTRAS("x"),
    LEASE_TOKEN("lt"),
    LEASE_OWNER("lo"),
    LANE("lane");

    private static final StateField[] ALL = values();

    /** The field's name in the Lua scripts. */
    final String lua;

    StateField(String lua) {
      this.lua = lua;
    }

    /** This field of a state split by {@link TaskCodec#state}. */
    String of(String[] state) {
      return state[ordinal()];
    }
  }

  private TaskCodec() {}

  static String micros(Instant at) {
    return Long.toString(
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000));
  }

  static String micros(Duration d) {
    return Long.toString(
        Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000));
  }

  static Instant instant(String micros) {
    if (micros == null || micros.isEmpty()) {
      return null;
    }
    long m = Long.parseLong(micros);
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }

  /**
   * A new task as the insert script reads it: id, lane, priority, run-at or empty for the store's
   * now, and the body.
   */
  static void newTask(List<String> out, NewTask t) {
    out.add(t.id().value());
    out.add(RedisStore.lane(t.queue(), t.type()));
    out.add(Integer.toString(t.priority()));
    out.add(t.runAt() == null ? "" : micros(t.runAt()));
    out.add(
        body(
            t.id(),
            t.type(),
            t.queue(),
            t.payload(),
            t.priority(),
            t.maxAttempts(),
            t.retryPolicy(),
            t.timeout(),
            t.correlationId(),
            t.owner(),
            t.scheduleId()));
  }

  /**
   * A full record as the restore script reads it: as {@link #newTask}, then status, attempts,
   * execution time, created, updated, started, finished and extras; the store assigns the sequence.
   */
  static void record(List<String> out, TaskRecord t) {
    out.add(t.id().value());
    out.add(RedisStore.lane(t.queue(), t.type()));
    out.add(Integer.toString(t.priority()));
    out.add(micros(t.runAt()));
    out.add(
        body(
            t.id(),
            t.type(),
            t.queue(),
            t.payload(),
            t.priority(),
            t.maxAttempts(),
            t.retryPolicy(),
            t.timeout(),
            t.correlationId(),
            t.owner(),
            t.scheduleId()));
    out.add(t.status().name());
    out.add(Integer.toString(t.attempts()));
    out.add(Long.toString(t.executionTime().toNanos()));
    out.add(micros(t.createdAt()));
    out.add(micros(t.updatedAt()));
    out.add(t.startedAt() == null ? "" : micros(t.startedAt()));
    out.add(t.finishedAt() == null ? "" : micros(t.finishedAt()));
    ObjectNode extras = MAPPER.createObjectNode();
    putIf(extras, "state", t.state());
    putIf(extras, "result", t.result());
    if (!t.errors().isEmpty()) {
      extras.put("errors", TaskErrors.EPOCH_MICROS.writeAll(t.errors()));
    }
    out.add(extras.isEmpty() ? "" : write(extras));
  }

  /** A task's body: the fields fixed at enqueue, as a JSON object of strings. */
  private static String body(
      TaskId id,
      String type,
      String queue,
      String payload,
      int priority,
      int maxAttempts,
      String retryPolicy,
      Duration timeout,
      String correlationId,
      String owner,
      String scheduleId) {
    StringWriter text = new StringWriter(128 + payload.length());
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("id", id.value());
      json.writeStringField("type", type);
      json.writeStringField("queue", queue);
      json.writeStringField("payload", payload);
      json.writeStringField("prio", Integer.toString(priority));
      json.writeStringField("max", Integer.toString(maxAttempts));
      writeIf(json, "retry", retryPolicy);
      if (timeout != null) {
        json.writeStringField("timeout", Long.toString(timeout.toNanos()));
      }
      writeIf(json, "corr", correlationId);
      writeIf(json, "owner", owner);
      writeIf(json, "sched", scheduleId);
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a task as JSON", e);
    }
    return text.toString();
  }

  private static void writeIf(JsonGenerator json, String field, String value) throws IOException {
    if (value != null) {
      json.writeStringField(field, value);
    }
  }

  /**
   * A lease owner or token as a state holds it: a state's fields are '|'-separated, so '%' and '|'
   * are percent-escaped.
   */
  static String escape(String text) {
    if (text.indexOf('|') < 0 && text.indexOf('%') < 0) {
      return text;
    }
    return text.replace("%", "%25").replace("|", "%7C");
  }

  /** A lease owner or token as a state holds it, unescaped; null when the field is empty. */
  private static String unescape(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.indexOf('%') < 0) {
      return text;
    }
    return text.replace("%7C", "|").replace("%25", "%");
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

  /** One error entry as JSON; "at" in epoch microseconds, as the scripts write it too. */
  static String error(TaskError error) {
    return TaskErrors.EPOCH_MICROS.write(error);
  }

  static List<TaskError> errors(String json) {
    return TaskErrors.EPOCH_MICROS.read(json);
  }

  static Map<String, String> map(Object reply) {
    List<?> flat = (List<?>) reply;
    Map<String, String> map = new HashMap<>(flat.size());
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    return map;
  }

  /** A state's lease deadline: none while the task waits, including 'L' on a ready list. */
  private static Instant leaseDeadline(String field) {
    return field.equals("L") ? null : instant(field);
  }

  /** A stored state split into its fields, in {@link StateField}'s order. */
  static String[] state(String state) {
    String[] f = state.split("\\|", StateField.ALL.length);
    if (f.length != StateField.ALL.length) {
      throw new IllegalStateException("a stored task state has " + f.length + " fields: " + state);
    }
    return f;
  }

  /** Whether a split state says the task has extras (errors, result or suspend state). */
  static boolean hasExtras(String[] state) {
    return "1".equals(StateField.EXTRAS.of(state));
  }

  /** The tasks of a read script's reply from index {@code from}: state, body, extras per task. */
  static List<TaskRecord> rows(List<Object> reply, int from) {
    List<TaskRecord> tasks = new ArrayList<>((reply.size() - from) / 3);
    for (int i = from; i + 2 < reply.size(); i += 3) {
      tasks.add(
          task(state((String) reply.get(i)), (String) reply.get(i + 1), (String) reply.get(i + 2)));
    }
    return tasks;
  }

  /** A task record from its three stored parts; extras may be null. */
  static TaskRecord task(String[] st, String body, String extras) {
    if (body == null) {
      throw new IllegalStateException(
          "a stored task has a state but no body: " + String.join("|", st));
    }
    Map<String, String> b = flat(body);
    Map<String, String> x = extras == null ? Map.of() : flat(extras);
    String timeout = b.get("timeout");
    return TaskRecord.builder()
        .id(TaskId.of(b.get("id")))
        .type(b.get("type"))
        .queue(b.get("queue"))
        .payload(b.get("payload"))
        .priority(Integer.parseInt(b.get("prio")))
        .runAt(instant(StateField.RUN_AT.of(st)))
        .status(TaskStatus.valueOf(StateField.STATUS.of(st)))
        .attempts(Integer.parseInt(StateField.ATTEMPTS.of(st)))
        .maxAttempts(Integer.parseInt(b.get("max")))
        .retryPolicy(b.get("retry"))
        .timeout(timeout == null ? null : Duration.ofNanos(Long.parseLong(timeout)))
        .leaseOwner(unescape(StateField.LEASE_OWNER.of(st)))
        .leaseToken(unescape(StateField.LEASE_TOKEN.of(st)))
        .leaseDeadline(leaseDeadline(StateField.LEASE_DEADLINE.of(st)))
        .state(x.get("state"))
        .result(x.get("result"))
        .errors(errors(x.get("errors")))
        .executionTime(Duration.ofNanos(Long.parseLong(StateField.EXEC.of(st))))
        .correlationId(b.get("corr"))
        .owner(b.get("owner"))
        .scheduleId(b.get("sched"))
        .createdAt(instant(StateField.CREATED.of(st)))
        .startedAt(instant(StateField.STARTED.of(st)))
        .finishedAt(instant(StateField.FINISHED.of(st)))
        .updatedAt(instant(StateField.UPDATED.of(st)))
        .sequence(Long.parseLong(StateField.SEQ.of(st)))
        .build();
  }

  /** A stored JSON object of string fields, streamed rather than read as a tree. */
  private static Map<String, String> flat(String json) {
    Map<String, String> m = new HashMap<>(24);
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalStateException("a stored task part is not a JSON object: " + json);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        m.put(field, parser.getText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("a stored task part is not valid JSON: " + json, e);
    }
    return m;
  }
}
