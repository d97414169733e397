package dev.baton.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.InvalidPayloadException;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON for payloads, results, state and key-value values, with errors that name the field.
 * Internal: not part of the API.
 *
 * <p>Payloads given as JSON text are bound by a strict copy of the mapper ({@link #strict}): a JSON
 * value binds only to a Java type of its own kind, so {@code 1.7} is not an {@code int}, {@code 5}
 * is not a {@code String}, {@code 1} is not a {@code boolean} and {@code "3"} is not an {@code
 * int}. Everything read back from storage (payloads at run time, results, state, values) goes
 * through the mapper as given, so data stored before stays readable.
 */
public final class Json {
  private final ObjectMapper mapper;
  private final ObjectMapper strict;

  // Which JSON shapes may not become which Java kind: the text of a number is not a number, a
  // number is not text or a boolean, a fraction is not an integer.
  private static final java.util.Map<LogicalType, List<CoercionInputShape>> REFUSED_COERCIONS =
      java.util.Map.of(
          LogicalType.Integer,
              List.of(
                  CoercionInputShape.Float,
                  CoercionInputShape.String,
                  CoercionInputShape.EmptyString,
                  CoercionInputShape.Boolean),
          LogicalType.Float,
              List.of(
                  CoercionInputShape.String,
                  CoercionInputShape.EmptyString,
                  CoercionInputShape.Boolean),
          LogicalType.Boolean,
              List.of(
                  CoercionInputShape.Integer,
                  CoercionInputShape.Float,
                  CoercionInputShape.String,
                  CoercionInputShape.EmptyString),
          LogicalType.Textual,
              List.of(
                  CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean),
          LogicalType.Enum,
              List.of(
                  CoercionInputShape.Integer,
                  CoercionInputShape.EmptyString,
                  CoercionInputShape.Float));
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
  private final ClassValue<ObjectReader> strictReaders =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return strict.readerFor(type);
        }
      };
  private final ClassValue<ObjectWriter> writers =
      new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
          return mapper.writerFor(type);
        }
      };

  /** Texts of several values back to back, each split off as it is written. */
  private final ObjectWriter sequenceWriter;

  /**
   * Wraps a mapper, and binds payloads given as JSON text through a {@link #strict} copy of it.
   *
   * @param mapper the mapper
   */
  public Json(ObjectMapper mapper) {
    this.mapper = mapper;
    this.strict = strict(mapper);
    this.sequenceWriter = mapper.writer().withRootValueSeparator("");
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
   * A copy of a mapper that binds JSON scalars only to Java types of their own kind: no number from
   * a string or a boolean, no integer from a fraction, no string from a number or a boolean, no
   * boolean from a number or a string, no enum from a number, no null for a primitive, no
   * non-finite {@code double} or {@code float} (such as {@code 1e999}, or {@code "NaN"}), no
   * unknown property and nothing after the value. An integer still binds to a floating-point type.
   * A mapper of a subclass that cannot be copied is used as it is.
   *
   * @param mapper the mapper to copy
   * @return the strict copy
   */
  public static ObjectMapper strict(ObjectMapper mapper) {
    ObjectMapper strict;
    try {
      strict = mapper.copy();
    } catch (IllegalStateException e) {
      return mapper;
    }
    strict
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    REFUSED_COERCIONS.forEach(
        (type, shapes) -> {
          var config = strict.coercionConfigFor(type);
          shapes.forEach(shape -> config.setCoercion(shape, CoercionAction.Fail));
        });
    SimpleModule finite = new SimpleModule("baton-finite-numbers");
    finite.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
    finite.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE, 0.0));
    finite.addDeserializer(Float.class, new FiniteFloat(Float.class, null));
    finite.addDeserializer(Float.TYPE, new FiniteFloat(Float.TYPE, 0.0f));
    return strict.registerModule(finite);
  }

  // Jackson reads "NaN" and "Infinity" strings as native values, outside the coercion rules, and
  // an exponent past the type's range as an infinity: neither is a number a payload can mean.
  private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
    private static final long serialVersionUID = 1L;

    FiniteDouble(Class<Double> type, Double whenNull) {
      super(type, whenNull);
    }

    @Override
    public Double deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      Double value = super.deserialize(parser, context);
      if (value != null && !Double.isFinite(value)) {
        throw InvalidFormatException.from(
            parser, "not a finite number: " + parser.getText(), parser.getText(), handledType());
      }
      return value;
    }
  }

  private static final class FiniteFloat extends NumberDeserializers.FloatDeserializer {
    private static final long serialVersionUID = 1L;

    FiniteFloat(Class<Float> type, Float whenNull) {
      super(type, whenNull);
    }

    @Override
    public Float deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      Float value = super.deserialize(parser, context);
      if (value != null && !Float.isFinite(value)) {
        throw InvalidFormatException.from(
            parser, "not a finite float: " + parser.getText(), parser.getText(), handledType());
      }
      return value;
    }
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
      throw new InvalidPayloadException(
          what, "cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Writes each value as its own JSON text, the text {@link #write} gives it, through one generator
   * for the whole list: for small values, Jackson's setup per call (a generator, a serializer
   * provider, buffers taken from their pool and handed back) costs more than the writing itself.
   *
   * @param values the values, none null
   * @return the texts, in the order of the values
   * @throws InvalidPayloadException if a value cannot be written; which one is not told ({@link
   *     #write} it alone for the field's name)
   */
  public List<String> writeEach(List<?> values) {
    if (sequenceWriter.isEnabled(SerializationFeature.INDENT_OUTPUT)) {
      // A pretty printer writes its own separator between root values: keep to one call each.
      List<String> texts = new ArrayList<>(values.size());
      for (Object value : values) {
        texts.add(write(value, "value"));
      }
      return texts;
    }
    List<String> texts = new ArrayList<>(values.size());
    TextSink sink = new TextSink(values.size() * 48);
    try (SequenceWriter sequence = sequenceWriter.writeValues(sink)) {
      int start = 0;
      for (Object value : values) {
        sequence.write(value);
        sequence.flush();
        texts.add(sink.text.substring(start));
        start = sink.text.length();
      }
    } catch (IOException e) {
      throw new InvalidPayloadException("value", "cannot be written as JSON: " + e.getMessage(), e);
    }
    return texts;
  }

  /** An unsynchronized writer into a StringBuilder (StringWriter locks on every call). */
  private static final class TextSink extends Writer {
    private final StringBuilder text;

    TextSink(int capacity) {
      text = new StringBuilder(capacity);
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
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
   * Checks JSON against a class under the strict rules of {@link #strict} and returns it in compact
   * canonical form.
   *
   * @param json the JSON text
   * @param type the class it must map to
   * @param what the value's name for error messages
   * @return the JSON written back from the mapped value
   * @throws InvalidPayloadException if the JSON does not map to {@code type}
   */
  public String canonical(String json, Class<?> type, String what) {
    Object value;
    try {
      value = strictReaders.get(type).readValue(json);
    } catch (JsonProcessingException e) {
      throw invalid(what, type, e);
    }
    // Typed fields refuse these in their deserializers; an untyped payload (a tree, or maps and
    // lists
    // for Object) would store "Infinity". Walked as read, without a copy: echo and noop come here.
    String infinite =
        value instanceof JsonNode || type == Object.class ? nonFinite(value, what) : null;
    if (infinite != null) {
      throw new InvalidPayloadException(infinite, "a number too large for a double", null);
    }
    return write(value, what);
  }

  /** The path of the first number that is not finite in an untyped value, or null. */
  private static String nonFinite(Object value, String path) {
    if (value instanceof JsonNode node
            && node.isFloatingPointNumber()
            && !Double.isFinite(node.doubleValue())
        || (value instanceof Double || value instanceof Float)
            && !Double.isFinite(((Number) value).doubleValue())) {
      return path;
    }
    int index = 0;
    for (Object item :
        value instanceof JsonNode node && node.isArray()
            ? node
            : value instanceof List<?> list ? list : List.of()) {
      String found = nonFinite(item, path + "[" + index++ + "]");
      if (found != null) {
        return found;
      }
    }
    for (Map.Entry<?, ?> field :
        value instanceof JsonNode node
            ? node.properties()
            : value instanceof Map<?, ?> map ? map.entrySet() : Set.<Map.Entry<?, ?>>of()) {
      String found = nonFinite(field.getValue(), path + "." + field.getKey());
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static InvalidPayloadException invalid(
      String what, Class<?> type, JsonProcessingException e) {
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
    // A payload record that checks its fields says what is wrong itself; Jackson's wrapper only
    // adds
    // the class's binary name.
    String message =
        e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException
                && e.getCause() instanceof IllegalArgumentException bad
                && bad.getMessage() != null
            ? bad.getMessage()
            : e.getOriginalMessage();
    var location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    return new InvalidPayloadException(
        field.toString(), "does not fit " + type.getSimpleName() + ": " + message + where, e);
  }
}
