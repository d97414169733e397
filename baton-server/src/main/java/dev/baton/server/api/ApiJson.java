package dev.baton.server.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.TaskError;
import dev.baton.TaskRecord;
import dev.baton.schedule.ScheduleRecord;
import java.util.Map;

/** JSON views of tasks and schedules: stored JSON text is embedded as JSON, not as strings. */
final class ApiJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /**
   * Reads request bodies strictly: one JSON value and nothing after it, no duplicate keys, no NaN
   * or Infinity literals; {@link #requireStrict} then refuses what parses but is not data.
   */
  static final ObjectReader BODY =
      MAPPER.reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
          .without(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private ApiJson() {}

  /**
   * Refuses numbers too large for a double ({@code 1e999999} would become Infinity) and text with a
   * lone surrogate (half of a UTF-16 pair, no character at all), naming where they are.
   *
   * @throws ApiException 400 at the first such value
   */
  static void requireStrict(JsonNode root) {
    java.util.ArrayDeque<Map.Entry<String, JsonNode>> pending = new java.util.ArrayDeque<>();
    pending.push(Map.entry("", root));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      String at = next.getKey();
      JsonNode node = next.getValue();
      if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        throw ApiException.badRequest(where(at), null, "the number at " + where(at) + " is too large");
      } else if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
        throw ApiException.badRequest(where(at), null,
            "the text at " + where(at) + " has a lone surrogate (\\uD800-\\uDFFF)");
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          pending.push(Map.entry(at + "[" + i + "]", node.get(i)));
        }
      } else if (node.isObject()) {
        for (var it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String name = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
          if (hasLoneSurrogate(field.getKey())) {
            throw ApiException.badRequest(where(at), null, "a key in " + where(at) + " has a lone surrogate");
          }
          pending.push(Map.entry(name, field.getValue()));
        }
      }
    }
  }

  private static String where(String at) {
    return at.isEmpty() ? "body" : at;
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  static JsonNode parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      // Stored text is the backend's; show it as it is rather than fail the read.
      return MAPPER.getNodeFactory().textNode(json);
    }
  }

  static ObjectNode task(TaskRecord t) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", t.id().value());
    n.put("type", t.type());
    n.put("queue", t.queue());
    n.put("status", t.status().name());
    n.set("payload", parse(t.payload()));
    n.put("priority", t.priority());
    n.put("runAt", t.runAt().toString());
    n.put("attempts", t.attempts());
    n.put("maxAttempts", t.maxAttempts());
    putText(n, "timeout", t.timeout());
    putText(n, "leaseOwner", t.leaseOwner());
    putText(n, "leaseDeadline", t.leaseDeadline());
    n.set("state", parse(t.state()));
    n.set("result", parse(t.result()));
    var errors = n.putArray("errors");
    for (TaskError e : t.errors()) {
      errors.add(MAPPER.valueToTree(e));
    }
    n.put("executionTime", t.executionTime().toString());
    putText(n, "correlationId", t.correlationId());
    putText(n, "owner", t.owner());
    putText(n, "scheduleId", t.scheduleId());
    n.put("createdAt", t.createdAt().toString());
    putText(n, "startedAt", t.startedAt());
    putText(n, "finishedAt", t.finishedAt());
    n.put("updatedAt", t.updatedAt().toString());
    return n;
  }

  static ObjectNode schedule(ScheduleRecord s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", s.name());
    n.put("kind", s.kind().name());
    n.put("expression", s.expression());
    putText(n, "zone", s.zone());
    n.put("type", s.taskType());
    n.set("payload", parse(s.payload()));
    n.put("queue", s.queue());
    n.put("priority", s.priority());
    n.put("maxRuns", s.maxRuns());
    n.put("runCount", s.runCount());
    n.put("enabled", s.enabled());
    n.put("state", s.state().name());
    putText(n, "lastRunAt", s.lastRunAt());
    putText(n, "nextRunAt", s.nextRunAt());
    putText(n, "description", s.description());
    n.put("misfire", s.misfirePolicy().name());
    n.put("createdAt", s.createdAt().toString());
    n.put("updatedAt", s.updatedAt().toString());
    return n;
  }

  private static void putText(ObjectNode n, String name, Object value) {
    if (value == null) {
      n.putNull(name);
    } else {
      n.put(name, value.toString());
    }
  }
}
