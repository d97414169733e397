package dev.baton.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.TaskError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's error history as a JSON array column, one object per failed attempt. Written field by
 * field rather than by record mapping, so that the stored format does not change when someone
 * reconfigures a mapper. Times are ISO-8601 strings: exact to the nanosecond and readable in a SQL
 * console.
 */
final class ErrorsJson {
  static final String EMPTY = "[]";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorsJson() {}

  static String write(TaskError error) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("at", error.at().toString())
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

  /** A whole history, for records restored from another backend. */
  static String writeAll(List<TaskError> errors) {
    if (errors.isEmpty()) {
      return EMPTY;
    }
    StringBuilder json = new StringBuilder("[");
    for (TaskError error : errors) {
      json.append(json.length() == 1 ? "" : ",").append(write(error));
    }
    return json.append(']').toString();
  }

  static List<TaskError> read(String json) {
    if (json == null || json.equals(EMPTY)) {
      return List.of();
    }
    try {
      JsonNode array = MAPPER.readTree(json);
      List<TaskError> errors = new ArrayList<>(array.size());
      for (JsonNode node : array) {
        errors.add(new TaskError(
            Instant.parse(node.path("at").asText()),
            node.path("attempt").asInt(),
            node.path("message").asText(""),
            node.path("exceptionClass").asText(""),
            node.path("stackTrace").asText("")));
      }
      return errors;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task's stored error history is not valid JSON: " + json, e);
    }
  }
}
