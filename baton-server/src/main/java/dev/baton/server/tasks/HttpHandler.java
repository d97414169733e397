package dev.baton.server.tasks;

import dev.baton.Outcome;
import dev.baton.TaskContext;
import dev.baton.TaskHandler;
import dev.baton.spi.BackendUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code http} tasks: 2xx/3xx succeed, 4xx fail for good, 429 and 5xx and I/O errors retry.
 * Redirects are followed here, not by the client, so that every hop's host is checked against
 * {@link HttpTargets} before anything is sent to it.
 */
final class HttpHandler implements TaskHandler<BuiltInTypes.HttpCall> {
  static final int MAX_BODY_CHARS = HttpTaskSettings.DEFAULT_RESULT_CHARS;
  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  // Headers that carry the caller's credentials go only to the host the task named.
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private final HttpClient client;
  private final HttpTargets targets;
  private final int resultChars;

  HttpHandler(HttpClient client, HttpTaskSettings settings) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the http task's client must not follow redirects itself");
    }
    this.client = client;
    this.targets = HttpTargets.parse(settings.allow());
    this.resultChars = settings.resultChars();
  }

  @Override
  public Object handle(BuiltInTypes.HttpCall call, TaskContext context)
      throws IOException, InterruptedException {
    URI uri = URI.create(call.url());
    String method = call.method();
    String body = call.body();
    Map<String, String> headers = call.headers();
    for (int hop = 0; ; hop++) {
      String refused = targets.refusal(uri.getHost());
      if (refused != null) {
        String target = mask(uri.getScheme() + "://" + uri.getRawAuthority());
        return Outcome.fail(
            (hop == 0 ? "" : "redirect " + hop + " to ")
                + target
                + " refused: "
                + refused
                + "; tasks.http.allow must list it to call it");
      }
      // The check resolved the host just now; the client's own lookup a moment later gets the same
      // answer from the JVM's address cache (networkaddress.cache.ttl), not a second DNS reply.
      HttpResponse<InputStream> response =
          client.send(
              request(uri, method, body, headers, call.timeout()),
              HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      String location = response.headers().firstValue("Location").orElse(null);
      if (!REDIRECTS.contains(status) || location == null) {
        return outcome(method + " " + mask(uri), status, response);
      }
      response.body().close();
      if (hop == MAX_REDIRECTS) {
        return Outcome.fail(mask(call.url()) + " redirected more than " + MAX_REDIRECTS + " times");
      }
      URI next;
      try {
        next = uri.resolve(location.trim());
      } catch (IllegalArgumentException e) {
        return Outcome.fail(
            method
                + " "
                + mask(uri)
                + " redirected to a malformed Location: "
                + mask(e.getMessage()));
      }
      if (next.getScheme() == null
          || !BuiltInTypes.HttpCall.SCHEMES.contains(next.getScheme().toLowerCase(Locale.ROOT))
          || next.getHost() == null) {
        return Outcome.fail(
            method
                + " "
                + mask(uri)
                + " redirected to '"
                + mask(location)
                + "', not an http or https URL");
      }
      if (status == 303 || (status <= 302 && method.equals("POST"))) {
        method = "GET";
        body = null;
      }
      if (headers != null && !next.getHost().equalsIgnoreCase(uri.getHost())) {
        Map<String, String> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(name -> CREDENTIALS.contains(name.toLowerCase(Locale.ROOT)));
        headers = kept;
      }
      uri = next;
    }
  }

  /** A task's URL may carry a webhook's credentials (user-info, ?token=): errors show it masked. */
  private static String mask(Object url) {
    return BackendUrls.mask(String.valueOf(url));
  }

  private Object outcome(String where, int status, HttpResponse<InputStream> response)
      throws IOException {
    String text = start(response.body());
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
      return Outcome.fail(where + " answered " + status + ": " + text);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", status);
    result.put("body", text);
    return result;
  }

  private static Object retryable(String where, int status) throws IOException {
    throw new IOException(where + " answered " + status);
  }

  private static HttpRequest request(
      URI uri, String method, String body, Map<String, String> headers, String timeout) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .method(method, publisher)
            .timeout(BuiltInTypes.HttpCall.timeout(timeout));
    if (headers != null) {
      headers.forEach(builder::header);
    }
    return builder.build();
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

  /** The start of the body, read no further than needed: a large answer is never held whole. */
  private String start(InputStream body) throws IOException {
    try (body) {
      // A character is at most 4 UTF-8 bytes: one byte more than that proves there is more text.
      String text = new String(body.readNBytes(resultChars * 4 + 1), StandardCharsets.UTF_8);
      return text.length() <= resultChars ? text : text.substring(0, resultChars) + "…";
    }
  }
}
