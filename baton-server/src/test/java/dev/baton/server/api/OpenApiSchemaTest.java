package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonObjectFormatVisitor;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each response schema in openapi.yaml against the {@link Views} record the server writes for it:
 * the same JSON properties, with the same JSON types, enum values and date-time format; a primitive
 * the record always writes is required, and a property that some answers leave out is not.
 */
class OpenApiSchemaTest {
  /** A record the server writes and the schema that documents it. */
  private record Documented(Class<?> view, String schema) {}

  private static final List<Documented> DOCUMENTED =
      List.of(
          new Documented(Views.TaskView.class, "Task"),
          new Documented(Views.PageView.class, "TaskPage"),
          new Documented(Views.EnqueuedView.class, "Enqueued"),
          new Documented(Views.Batch.class, "BatchEnqueued"),
          new Documented(Views.Canceled.class, "Canceled"),
          new Documented(Views.Retried.class, "Retried"),
          new Documented(Views.RetriedCount.class, "BulkRetried"),
          new Documented(Views.ScheduleView.class, "Schedule"),
          new Documented(Views.Items.class, "ScheduleList"),
          new Documented(Views.NextTimes.class, "FireTimes"),
          new Documented(Views.Keys.class, "KvKeys"),
          new Documented(Views.KvValue.class, "KvValue"),
          new Documented(Views.Items.class, "QueueList"),
          new Documented(Views.QueueView.class, "Queue"),
          new Documented(Views.QueuePaused.class, "QueuePause"),
          new Documented(Views.Nodes.class, "NodeList"),
          new Documented(Views.NodeView.class, "Node"),
          new Documented(Views.TaskRef.class, "NodeTask"),
          new Documented(Views.Health.class, "Health"),
          new Documented(Views.RemoteWorkerView.class, "RemoteWorker"),
          new Documented(Views.WorkerRegistered.class, "WorkerRegistered"),
          new Documented(Views.Fetched.class, "Fetched"),
          new Documented(Views.LeasedView.class, "LeasedTask"),
          new Documented(Views.HeartbeatView.class, "Heartbeat"),
          new Documented(Views.Settled.class, "Settled"),
          new Documented(Views.Extended.class, "Extended"),
          new Documented(Views.SettleResults.class, "SettleResults"),
          new Documented(Views.SettleResult.class, "SettleResult"),
          new Documented(Views.Problem.class, "Problem"));

  // Beat is written inside NodeView (unwrapped); Latency is a line of the event stream, which the
  // document describes in prose.
  private static final Set<Class<?>> NOT_SCHEMAS = Set.of(Views.Beat.class, Views.Latency.class);

  @Test
  void every_views_record_has_its_schema() {
    Set<Class<?>> mapped = new java.util.HashSet<>(NOT_SCHEMAS);
    DOCUMENTED.forEach(d -> mapped.add(d.view()));
    List<String> unmapped =
        Arrays.stream(Views.class.getDeclaredClasses())
            .filter(Class::isRecord)
            .filter(c -> !mapped.contains(c))
            .map(Class::getSimpleName)
            .toList();
    assertThat(unmapped).as("Views records with no schema in this test's table").isEmpty();
  }

  @Test
  void each_response_schema_has_the_json_properties_of_its_record() {
    List<String> wrong = new ArrayList<>();
    for (Documented d : DOCUMENTED) {
      JsonNode schema = OpenApiCheck.DOC.at("/components/schemas/" + d.schema());
      assertThat(schema.isMissingNode()).as("schema %s", d.schema()).isFalse();
      compare(d, schema, wrong);
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void the_comparison_catches_a_missing_property_a_wrong_type_and_a_primitive_not_required()
      throws Exception {
    JsonNode schema =
        TestServer.JSON.readTree(
            """
        {"type": "object", "required": ["id"],
         "properties": {"id": {"type": "string"}, "canceled": {"type": "integer"}, "why": {"type": "string"}}}""");
    List<String> wrong = new ArrayList<>();
    compare(new Documented(Views.Canceled.class, "Canceled"), schema, wrong);
    assertThat(String.join("\n", wrong))
        .contains("documents 'why', which Canceled does not write")
        .contains("Canceled.canceled is boolean but documented as integer")
        .contains("Canceled.canceled is always written but not required");
  }

  private static void compare(Documented d, JsonNode schema, List<String> wrong) {
    String name = d.schema() + " (" + d.view().getSimpleName() + ")";
    Map<String, JavaType> written = jsonProperties(d.view());
    Map<String, Boolean> alwaysWritten = new LinkedHashMap<>();
    components(d.view(), true, alwaysWritten);
    if (!written.keySet().equals(alwaysWritten.keySet())) {
      wrong.add(
          name
              + ": Jackson writes "
              + written.keySet()
              + " but the record components are "
              + alwaysWritten.keySet());
    }
    JsonNode properties = schema.path("properties");
    Set<String> required = new TreeSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    properties
        .fieldNames()
        .forEachRemaining(
            p -> {
              if (!written.containsKey(p)) {
                wrong.add(
                    name
                        + " documents '"
                        + p
                        + "', which "
                        + d.view().getSimpleName()
                        + " does not write");
              }
            });
    for (String r : required) {
      if (!properties.has(r)) {
        wrong.add(name + " requires '" + r + "' but has no such property");
      }
    }
    written.forEach(
        (property, type) -> {
          String at = d.view().getSimpleName() + "." + property;
          JsonNode documented = properties.get(property);
          if (documented == null) {
            wrong.add(name + " lacks '" + property + "', which the server writes");
            return;
          }
          documented = OpenApiCheck.resolve(documented);
          String jsonType = jsonType(type);
          String documentedType = documented.path("type").asText(null);
          if (jsonType == null ? documentedType != null : !jsonType.equals(documentedType)) {
            wrong.add(
                at
                    + " is "
                    + (jsonType == null ? "any JSON" : jsonType)
                    + " but documented as "
                    + (documentedType == null ? "any JSON" : documentedType));
          }
          if (type.isEnumType()) {
            Set<String> constants = new TreeSet<>();
            Arrays.stream(type.getRawClass().getEnumConstants())
                .forEach(c -> constants.add(((Enum<?>) c).name()));
            Set<String> listed = new TreeSet<>();
            documented.path("enum").forEach(e -> listed.add(e.asText()));
            if (!constants.equals(listed)) {
              wrong.add(at + " takes " + constants + " but the document lists " + listed);
            }
          }
          if (type.getRawClass() == Instant.class
              && !documented.path("format").asText().equals("date-time")) {
            wrong.add(at + " is an instant but not documented as format date-time");
          }
          boolean always = alwaysWritten.getOrDefault(property, false);
          if (!always && required.contains(property)) {
            wrong.add(at + " is left out of some answers but is required");
          }
          if (always && type.isPrimitive() && !required.contains(property)) {
            wrong.add(at + " is always written but not required");
          }
        });
  }

  /** The properties Jackson writes for a type, nested {@code @JsonUnwrapped} records flattened. */
  private static Map<String, JavaType> jsonProperties(Class<?> type) {
    Map<String, JavaType> properties = new LinkedHashMap<>();
    JsonObjectFormatVisitor collect =
        new JsonObjectFormatVisitor.Base() {
          @Override
          public void property(BeanProperty p) {
            properties.put(p.getName(), p.getType());
          }

          @Override
          public void optionalProperty(BeanProperty p) {
            properties.put(p.getName(), p.getType());
          }
        };
    try {
      ApiJson.MAPPER.acceptJsonFormatVisitor(
          type,
          new JsonFormatVisitorWrapper.Base() {
            @Override
            public JsonObjectFormatVisitor expectObjectFormat(JavaType t) {
              return collect;
            }
          });
    } catch (JsonMappingException e) {
      throw new AssertionError("cannot introspect " + type, e);
    }
    return properties;
  }

  /**
   * Each component's JSON name and whether a primitive there is written every time: not inside an
   * unwrapped record (a null one writes nothing) nor under an include rule that skips defaults. A
   * null reference left out under NON_NULL is the live check's business (OpenApiCheck).
   */
  private static void components(Class<?> record, boolean always, Map<String, Boolean> out) {
    boolean recordAlways = always && !skipsDefaults(record.getAnnotation(JsonInclude.class));
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
        components(c.getType(), false, out);
      } else {
        out.put(
            c.getName(),
            recordAlways && !skipsDefaults(c.getAccessor().getAnnotation(JsonInclude.class)));
      }
    }
  }

  private static boolean skipsDefaults(JsonInclude include) {
    return include != null
        && Set.of(
                JsonInclude.Include.NON_DEFAULT,
                JsonInclude.Include.NON_EMPTY,
                JsonInclude.Include.CUSTOM)
            .contains(include.value());
  }

  /** The JSON type Jackson writes a Java type as, or null for any JSON value. */
  private static String jsonType(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (JsonNode.class.isAssignableFrom(raw)) {
      return null;
    }
    if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
      return "integer";
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == String.class || type.isEnumType() || raw == Instant.class || raw == Duration.class) {
      return "string";
    }
    if (type.isCollectionLikeType() || type.isArrayType()) {
      return "array";
    }
    return "object";
  }
}
