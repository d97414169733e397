package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Checks a real response against openapi.yaml: the status must be documented for the operation and
 * the body must fit the schema (types, required fields, no undocumented field, enums, nested by
 * $ref). Every response the API tests receive goes through it.
 */
final class OpenApiCheck {
  static final JsonNode DOC = OpenApi.document();
  static final List<String> checked = new ArrayList<>();

  private OpenApiCheck() {}

  static void verify(String method, String path, TestServer.Response response) {
    String template = template(path.replaceFirst("\\?.*$", ""));
    if (template == null || response.status() == 405) {
      return; // Paths outside the document are the 404 and 405 tests' business.
    }
    JsonNode operation = DOC.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
    String where = method + " " + template + " -> " + response.status();
    if (operation == null) {
      throw new AssertionError("undocumented operation " + where);
    }
    JsonNode documented = operation.get("responses").get(String.valueOf(response.status()));
    if (documented == null) {
      throw new AssertionError("undocumented status " + where + ": " + response.body());
    }
    documented = resolve(documented);
    JsonNode content = documented.get("content");
    if (content == null) {
      if (!response.body().isEmpty()) {
        throw new AssertionError(where + " documents no body but got " + response.body());
      }
    } else {
      String type = content.fieldNames().next();
      if (!response.contentType().startsWith(type)) {
        throw new AssertionError(
            where + " documents " + type + " but got " + response.contentType());
      }
      check(content.get(type).get("schema"), response.json(), where + " body");
    }
    synchronized (checked) {
      checked.add(method + " " + template + " " + response.status());
    }
  }

  static String template(String path) {
    List<String> segments = Route.split(path);
    String best = null;
    for (Iterator<String> it = DOC.get("paths").fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      List<String> parts = Route.split(candidate);
      if (parts.size() != segments.size()) {
        continue;
      }
      boolean fits = true;
      int literals = 0;
      for (int i = 0; i < parts.size() && fits; i++) {
        boolean param = parts.get(i).startsWith("{");
        fits = param || parts.get(i).equals(segments.get(i));
        literals += param ? 0 : 1;
      }
      if (fits
          && (best == null
              || literals > Route.split(best).stream().filter(s -> !s.startsWith("{")).count())) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * What a {@code $ref} such as {@code #/components/responses/BadRequest} points at, else the node
   * itself.
   */
  static JsonNode resolve(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    String ref = node.get("$ref").asText();
    JsonNode target = ref.startsWith("#/") ? DOC.at(ref.substring(1)) : null;
    if (target == null || target.isMissingNode()) {
      throw new AssertionError("dangling $ref " + ref);
    }
    return resolve(target);
  }

  static void check(JsonNode schema, JsonNode value, String at) {
    if (schema.has("$ref")) {
      check(resolve(schema), value, at);
      return;
    }
    if (value == null || value.isNull()) {
      if (schema.has("type") && !schema.path("nullable").asBoolean(false)) {
        throw new AssertionError(at + " is null but the schema does not allow it");
      }
      return;
    }
    String type = schema.path("type").asText("");
    boolean fits =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "integer" -> value.isIntegralNumber();
          case "number" -> value.isNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    if (!fits) {
      throw new AssertionError(at + " should be " + type + " but was " + value);
    }
    if (schema.has("enum")
        && !schema.get("enum").toString().contains("\"" + value.asText() + "\"")) {
      throw new AssertionError(at + " = " + value + " is not one of " + schema.get("enum"));
    }
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        throw new AssertionError(
            at + " lacks required field '" + required.asText() + "': " + value);
      }
    }
    if (schema.has("properties") && !schema.has("additionalProperties")) {
      value
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!schema.get("properties").has(name)) {
                  throw new AssertionError(
                      at + " has the undocumented field '" + name + "': " + value);
                }
              });
    }
    if (schema.has("properties")) {
      schema
          .get("properties")
          .fields()
          .forEachRemaining(
              p -> {
                if (value.has(p.getKey())) {
                  check(p.getValue(), value.get(p.getKey()), at + "." + p.getKey());
                }
              });
    }
    if (schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]");
      }
    }
    if (schema.has("additionalProperties")) {
      value
          .fields()
          .forEachRemaining(
              p -> check(schema.get("additionalProperties"), p.getValue(), at + "." + p.getKey()));
    }
  }
}
