package dev.baton.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The REST API's OpenAPI 3 description. {@code openapi.yaml} beside this class is written by hand
 * and is the only source: the server serves it as JSON at {@code /api/v1/openapi.json}, and the
 * tests hold it to the route table, to {@link Views} and to every response they receive.
 */
final class OpenApi {
  static final String RESOURCE = "openapi.yaml";

  private OpenApi() {}

  /**
   * The document as a tree; IllegalStateException when the resource is missing,
   * UncheckedIOException when it is not YAML.
   */
  static JsonNode document() {
    try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/baton/server/api/" + RESOURCE);
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read dev/baton/server/api/" + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  // A key written twice in a hand-edited file would otherwise drop the first silently.
  static JsonNode read(InputStream yaml) throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .readTree(yaml);
  }

  /**
   * The JSON the server answers with, read on the first request: parsing the YAML takes tens of
   * milliseconds that a server start should not wait for.
   */
  static String served() {
    return Served.JSON;
  }

  /** The document as JSON. */
  static String json() {
    try {
      return ApiJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree read from YAML is always writable as JSON", e);
    }
  }

  private static final class Served {
    static final String JSON = json();
  }
}
