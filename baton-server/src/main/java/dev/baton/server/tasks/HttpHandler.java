package dev.baton.server.tasks;

import dev.baton.Outcome;
import dev.baton.TaskContext;
import dev.baton.TaskHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Runs {@code http} tasks: 2xx/3xx succeed, 4xx fail for good, 429 and 5xx and I/O errors retry. */
final class HttpHandler implements TaskHandler<BuiltInTypes.HttpCall> {
  static final int MAX_BODY_CHARS = 2000;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;

  HttpHandler(HttpClient client) {
    this.client = client;
  }

  @Override
  public Object handle(BuiltInTypes.HttpCall call, TaskContext context) throws IOException, InterruptedException {
    HttpRequest request;
    try {
      request = request(call);
    } catch (RuntimeException e) {
      return Outcome.fail("bad http task: " + e.getMessage());
    }
    if (request == null) {
      return Outcome.fail("url must be an absolute http or https URL but was '" + call.url() + "'");
    }
    // IOException (refused, reset, timed out) propagates: the retry policy takes it.
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    String where = request.method() + " " + call.url();
    if (status == 429) {
      Duration wait = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
      return wait == null
          ? retryable(where, status)
          : Outcome.retryAfter(wait, where + " answered 429; Retry-After " + wait);
    }
    if (status >= 500) {
      return retryable(where, status);
    }
    if (status >= 400) {
      return Outcome.fail(where + " answered " + status + ": " + trim(response.body()));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", status);
    result.put("body", trim(response.body()));
    return result;
  }

  private static Object retryable(String where, int status) throws IOException {
    throw new IOException(where + " answered " + status);
  }

  private static HttpRequest request(BuiltInTypes.HttpCall call) {
    URI uri;
    try {
      uri = call.url() == null ? null : URI.create(call.url());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (uri == null || uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      return null;
    }
    String method = call.method() == null ? "GET" : call.method().toUpperCase(Locale.ROOT);
    HttpRequest.BodyPublisher body =
        call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body());
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, body).timeout(timeout(call.timeout()));
    if (call.headers() != null) {
      call.headers().forEach(builder::header);
    }
    return builder.build();
  }

  private static Duration timeout(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    }
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
  }

  /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException bad) {
        return null;
      }
    }
  }

  private static String trim(String body) {
    if (body == null) {
      return "";
    }
    return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "…";
  }
}
