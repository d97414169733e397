package dev.baton.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.InvalidPayloadException;

/**
 * JSON for payloads, results, state and key-value values, with errors that name the field. Internal:
 * not part of the API.
 */
public final class Json {
  private final ObjectMapper mapper;
  // One reader and writer per class, made once: ObjectMapper.readValue and writeValueAsString
  // set up a context and look the (de)serializer up again on every call, which cost more than
  // the parsing itself for small payloads. They carry the mapper's configuration as it was when
  // first used, so a mapper must be configured before Baton starts.
  private final ClassValue<ObjectReader> readers =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return mapper.readerFor(type);
        }
      };
  private final ClassValue<ObjectWriter> writers =
      new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
          return mapper.writerFor(type);
        }
      };

  /**
   * Wraps a mapper.
   *
   * @param mapper the mapper
   */
  public Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The mapper Baton uses unless told otherwise: Java time as ISO strings, unknown properties and
   * nulls for primitives refused, so that a payload that does not fit its type is an error.
   *
   * @return a new mapper
   */
  public static ObjectMapper defaultMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The mapper.
   *
   * @return the mapper
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Writes a value as JSON.
   *
   * @param value the value, possibly null
   * @param what the value's name for error messages, such as {@code payload}
   * @return the JSON text
   * @throws InvalidPayloadException if the value cannot be written
   */
  public String write(Object value, String what) {
    try {
      return value == null
          ? mapper.writeValueAsString(null)
          : writers.get(value.getClass()).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InvalidPayloadException(what, "cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads JSON into a class.
   *
   * @param json the JSON text
   * @param type the class
   * @param what the value's name for error messages
   * @param <T> the type
   * @return the value
   * @throws InvalidPayloadException if the JSON is malformed or does not map to {@code type}; the
   *     message names the field path and what was wrong with its value
   */
  public <T> T read(String json, Class<T> type, String what) {
    try {
      return readers.get(type).readValue(json);
    } catch (JsonProcessingException e) {
      throw invalid(what, type, e);
    }
  }

  /**
   * Checks JSON against a class and returns it in compact canonical form.
   *
   * @param json the JSON text
   * @param type the class it must map to
   * @param what the value's name for error messages
   * @return the JSON written back from the mapped value
   * @throws InvalidPayloadException if the JSON does not map to {@code type}
   */
  public String canonical(String json, Class<?> type, String what) {
    return write(read(json, type, what), what);
  }

  private static InvalidPayloadException invalid(String what, Class<?> type, JsonProcessingException e) {
    StringBuilder field = new StringBuilder(what);
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          field.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          field.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    String message = e.getOriginalMessage();
    var location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    return new InvalidPayloadException(
        field.toString(), "does not fit " + type.getSimpleName() + ": " + message + where, e);
  }
}
