package dev.baton.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.TaskError;
import dev.baton.spi.TaskErrors;
import java.io.IOException;
import java.util.Map;

/**
 * The API's JSON: the mapper that writes {@link Views}, the strict body reader, stored JSON text as
 * trees.
 */
final class ApiJson {
  /**
   * Times and durations in ISO-8601; an error history entry as the backends store it (with ISO
   * times).
   */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(
              new SimpleModule("baton-task-errors")
                  .addSerializer(TaskError.class, new ErrorWriter()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  /**
   * Reads request bodies strictly: one JSON value and nothing after it, no duplicate keys, no NaN
   * or Infinity literals; {@link #requireStrict} then refuses what parses but is not data.
   */
  static final ObjectReader BODY =
      MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
          .without(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

  private ApiJson() {}

  /** One error history entry, written by the codec the backends store it with. */
  private static final class ErrorWriter extends StdSerializer<TaskError> {
    ErrorWriter() {
      super(TaskError.class);
    }

    @Override
    public void serialize(TaskError error, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      TaskErrors.ISO_TIMES.write(json, error);
    }
  }

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
        throw ApiException.badRequest(
            where(at), null, "the number at " + where(at) + " is too large");
      } else if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
        throw ApiException.badRequest(
            where(at),
            null,
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
            throw ApiException.badRequest(
                where(at), null, "a key in " + where(at) + " has a lone surrogate");
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
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Stored JSON text as a tree, to embed; null for null, text that is not JSON as a string. */
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
}
