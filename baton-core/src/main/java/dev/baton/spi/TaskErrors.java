package dev.baton.spi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskError;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of a task's error history, as the backends store it and the REST API shows it:
 * an array with one object per failed attempt, fields {@code at}, {@code attempt}, {@code message},
 * {@code exceptionClass} and {@code stackTrace} in that order. Written field by field rather than
 * by record mapping, so that the stored format does not change when someone reconfigures a mapper.
 * The two codecs differ only in how {@code at} is written: {@link #ISO_TIMES} or {@link
 * #EPOCH_MICROS}.
 */
public final class TaskErrors {
  /**
   * {@code at} as an ISO-8601 string, exact to the nanosecond and readable in a SQL console: the
   * SQL backends' column and the REST API.
   */
  public static final TaskErrors ISO_TIMES = new TaskErrors(false);

  /**
   * {@code at} as a decimal string of epoch microseconds, what Redis's {@code TIME} gives, so that
   * server-side scripts can write entries too: the Redis backend.
   */
  public static final TaskErrors EPOCH_MICROS = new TaskErrors(true);

  /** An empty history as stored. */
  public static final String EMPTY = "[]";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private final boolean micros;

  private TaskErrors(boolean micros) {
    this.micros = micros;
  }

  /**
   * One entry as a JSON object.
   *
   * @param error the entry
   * @return its JSON text
   * @throws NullPointerException if {@code error} is null
   * @throws IllegalStateException if the JSON cannot be written
   */
  public String write(TaskError error) {
    StringWriter text =
        new StringWriter(128 + error.message().length() + error.stackTrace().length());
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      write(json, error);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an error entry as JSON", e);
    }
    return text.toString();
  }

  /**
   * A whole history as a JSON array, for records restored from another backend.
   *
   * @param errors the entries, oldest first
   * @return the JSON array; {@link #EMPTY} for none
   * @throws NullPointerException if {@code errors} or an entry is null
   */
  public String writeAll(List<TaskError> errors) {
    if (errors.isEmpty()) {
      return EMPTY;
    }
    StringBuilder json = new StringBuilder("[");
    for (TaskError error : errors) {
      json.append(json.length() == 1 ? "" : ",").append(write(error));
    }
    return json.append(']').toString();
  }

  /**
   * Writes one entry as a JSON object to a generator, such as a serializer's.
   *
   * @param json where to write
   * @param error the entry
   * @throws IOException if the generator fails
   */
  public void write(JsonGenerator json, TaskError error) throws IOException {
    json.writeStartObject();
    json.writeStringField("at", micros ? micros(error.at()) : error.at().toString());
    json.writeNumberField("attempt", error.attempt());
    json.writeStringField("message", error.message());
    json.writeStringField("exceptionClass", error.exceptionClass());
    json.writeStringField("stackTrace", error.stackTrace());
    json.writeEndObject();
  }

  /**
   * Reads a stored history; missing text fields read as empty.
   *
   * @param json the JSON array, or null or empty for none
   * @return the entries, oldest first
   * @throws IllegalStateException if the text is not JSON
   * @throws RuntimeException if an entry's {@code at} is missing or not in this codec's form
   */
  public List<TaskError> read(String json) {
    if (json == null || json.isEmpty() || json.equals(EMPTY)) {
      return List.of();
    }
    try {
      JsonNode array = MAPPER.readTree(json);
      List<TaskError> errors = new ArrayList<>(array.size());
      for (JsonNode node : array) {
        String at = node.path("at").asText();
        errors.add(
            new TaskError(
                micros ? instant(at) : Instant.parse(at),
                node.path("attempt").asInt(),
                node.path("message").asText(""),
                node.path("exceptionClass").asText(""),
                node.path("stackTrace").asText("")));
      }
      return errors;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a task's stored error history is not valid JSON: " + json, e);
    }
  }

  private static String micros(Instant at) {
    return Long.toString(
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000));
  }

  private static Instant instant(String micros) {
    if (micros.isEmpty()) {
      return null; // refused by TaskError, as an entry without a time
    }
    long m = Long.parseLong(micros);
    return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000);
  }
}
