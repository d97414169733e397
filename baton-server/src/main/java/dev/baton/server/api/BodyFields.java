package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.server.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/** Reads fields of a JSON body; a missing or mistyped one is a 400 that names it. */
final class BodyFields {
  private BodyFields() {}

  static JsonNode object(JsonNode body, String where) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(where, body, where + " must be a JSON object");
    }
    return body;
  }

  static String requiredText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw ApiException.badRequest(field, null, "'" + field + "' is required");
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(
          field, node, "'" + field + "' must be a string but was " + node);
    }
    return node.asText();
  }

  static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest(
          field, node, "'" + field + "' must be a string but was " + node);
    }
    return node.asText();
  }

  static Integer integer(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber()) {
      throw ApiException.badRequest(
          field, node, "'" + field + "' must be an integer but was " + node);
    }
    return node.asInt();
  }

  static Duration duration(JsonNode body, String field) {
    String text = text(body, field);
    return text == null ? null : parseDuration(field, text);
  }

  /**
   * {@link Durations#parse}: short ({@code 500ms 30s 5m 1h 2d}) or ISO-8601 ({@code PT30S}), 0 to
   * 100 years.
   */
  static Duration parseDuration(String field, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(field, text, "'" + field + "': " + e.getMessage());
    }
  }

  static Instant instant(JsonNode body, String field) {
    String text = text(body, field);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          field,
          text,
          "'"
              + field
              + "' must be an ISO-8601 instant such as 2030-01-01T00:00:00Z but was '"
              + text
              + "'");
    }
  }

  /** Runs a core call whose IllegalArgumentException is about one field, and names it. */
  static <T> T about(String field, Object value, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, field, value, e.getMessage(), e);
    }
  }
}
