package dev.baton.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request as a route sees it: path parameters, query parameters and the JSON body. */
final class RouteRequest {
  final HttpExchange exchange;
  private final Map<String, String> path;
  private final Map<String, String> query;
  private final int maxBodyBytes;

  RouteRequest(HttpExchange exchange, Map<String, String> path, int maxBodyBytes) {
    this.exchange = exchange;
    this.path = path;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    this.maxBodyBytes = maxBodyBytes;
  }

  String path(String name) {
    return path.get(name);
  }

  String query(String name) {
    return query.get(name);
  }

  int intQuery(String name, int fallback) {
    String text = query.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name, text, "query parameter '" + name + "' must be an integer but was '" + text + "'");
    }
  }

  /**
   * The body as JSON; refuses a body over the limit before reading it all, any media type but
   * {@code application/json} (so no HTML form can post here from another site), and any JSON that
   * is not one strict value.
   */
  JsonNode body() throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && Long.parseLong(length.trim()) > maxBodyBytes) {
      throw tooLarge(length);
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(maxBodyBytes + 1);
    }
    if (bytes.length > maxBodyBytes) {
      throw tooLarge("more than " + maxBodyBytes);
    }
    if (bytes.length == 0) {
      throw ApiException.badRequest("body", "", "the request needs a JSON body");
    }
    checkMediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
    JsonNode tree;
    try {
      tree = ApiJson.BODY.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new ApiException(
          400, "body", null, "malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw ApiException.badRequest("body", "", "the request needs a JSON body");
    }
    ApiJson.requireStrict(tree);
    return tree;
  }

  /** {@code application/json}, with no charset or UTF-8, the only one JSON has (RFC 8259). */
  static void checkMediaType(String contentType) {
    String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
    boolean ok = parts[0].trim().equalsIgnoreCase("application/json");
    for (int i = 1; ok && i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param.length < 2 ? "" : param[1].trim().replace("\"", "");
        ok = charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
      }
    }
    if (!ok) {
      throw new ApiException(
          415,
          "Content-Type",
          contentType,
          "the body must be sent as 'Content-Type: application/json' (UTF-8) but was "
              + (contentType == null ? "sent with no Content-Type" : "'" + contentType + "'"));
    }
  }

  private ApiException tooLarge(String size) {
    return new ApiException(
        413,
        "body",
        size + " bytes",
        "the body is "
            + size
            + " bytes; the limit is "
            + maxBodyBytes
            + " (server.max-body-bytes)");
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(key), decode(value));
    }
    return params;
  }

  static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
