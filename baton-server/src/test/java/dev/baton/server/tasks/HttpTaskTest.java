package dev.baton.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTaskTest {
  private HttpServer remote;
  private Baton baton;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    remote.createContext(
        "/ok",
        exchange -> {
          calls.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          byte[] reply =
              ("got "
                      + exchange.getRequestMethod()
                      + " "
                      + body
                      + " "
                      + exchange.getRequestHeaders().getFirst("X-Tag"))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    remote.createContext("/missing", exchange -> respond(exchange, 404, null));
    remote.createContext("/broken", exchange -> respond(exchange, 503, null));
    remote.createContext("/busy", exchange -> respond(exchange, calls.get() == 0 ? 429 : 200, "0"));
    remote.createContext(
        "/hop", exchange -> redirect(exchange, exchange.getRequestURI().getQuery()));
    remote.createContext("/loop", exchange -> redirect(exchange, "/loop"));
    remote.start();
    // The remote server is on loopback: the test opts it in, as an operator would.
    baton =
        start(new HttpTaskSettings(List.of("127.0.0.1/32"), HttpTaskSettings.DEFAULT_RESULT_CHARS));
  }

  private Baton start(HttpTaskSettings settings) {
    return BuiltInTypes.addTo(Baton.builder(), settings)
        .retry(RetryPolicy.fixed(Duration.ofMillis(10), 5))
        .start();
  }

  private void redirect(com.sun.net.httpserver.HttpExchange exchange, String to)
      throws IOException {
    calls.incrementAndGet();
    exchange.getResponseHeaders().set("Location", to);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String retryAfter)
      throws IOException {
    calls.incrementAndGet();
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @AfterEach
  void stop() {
    baton.close();
    remote.stop(0);
  }

  private TaskRecord run(String path, int maxAttempts) {
    return run(baton, "http://127.0.0.1:" + remote.getAddress().getPort() + path, maxAttempts);
  }

  private static TaskRecord run(Baton on, String url, int maxAttempts) {
    var call = new BuiltInTypes.HttpCall("POST", url, Map.of("X-Tag", "t1"), "hello", "5s");
    TaskId id =
        on.enqueue(BuiltInTypes.HTTP, call, Enqueue.options().maxAttempts(maxAttempts)).id();
    return on.task(id).awaitDone(Duration.ofSeconds(20));
  }

  private void assertRefused(TaskRecord task, String why) {
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.lastError().message())
        .contains("refused")
        .contains(why)
        .contains("tasks.http.allow");
  }

  @Test
  void loopback_is_refused_unless_allowed_and_nothing_is_sent() {
    try (Baton strict = start(HttpTaskSettings.defaults())) {
      assertRefused(
          run(strict, "http://127.0.0.1:" + remote.getAddress().getPort() + "/ok", 3), "loopback");
      assertRefused(
          run(strict, "http://localhost:" + remote.getAddress().getPort() + "/ok", 3), "loopback");
      assertRefused(
          run(strict, "http://[::1]:" + remote.getAddress().getPort() + "/ok", 3), "loopback");
    }
    assertThat(calls.get()).isZero();
  }

  @Test
  void metadata_private_and_unspecified_addresses_are_refused_before_any_connection() {
    try (Baton strict = start(HttpTaskSettings.defaults())) {
      assertRefused(run(strict, "http://169.254.169.254/latest/meta-data/", 3), "link-local");
      assertRefused(run(strict, "http://[fd00:ec2::254]/latest/meta-data/", 3), "unique local");
      assertRefused(
          run(strict, "http://metadata.google.internal/computeMetadata/v1/", 3), "metadata");
      assertRefused(run(strict, "http://10.0.0.1/", 3), "private");
      assertRefused(run(strict, "http://192.168.1.1/", 3), "private");
      assertRefused(run(strict, "http://100.64.0.1/", 3), "CGNAT");
      assertRefused(
          run(strict, "http://0.0.0.0:" + remote.getAddress().getPort() + "/ok", 3), "unspecified");
    }
    assertThat(calls.get()).isZero();
  }

  @Test
  void a_redirect_hop_to_a_denied_address_is_refused() {
    // Allowed by name, the first hop is called; its redirect to loopback by address is not.
    try (Baton byName = start(new HttpTaskSettings(List.of("localhost"), 100))) {
      String target = "http://127.0.0.1:" + remote.getAddress().getPort() + "/ok";
      TaskRecord task =
          run(byName, "http://localhost:" + remote.getAddress().getPort() + "/hop?" + target, 3);
      assertRefused(task, "loopback");
      assertThat(task.lastError().message()).contains("redirect 1");
    }
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void redirects_are_followed_a_few_hops_to_allowed_http_urls_only() {
    String base = "http://127.0.0.1:" + remote.getAddress().getPort();
    TaskRecord followed = run("/hop?" + base + "/ok", 3);
    assertThat(followed.status()).isEqualTo(TaskStatus.SUCCEEDED);
    // A 302 turns the POST into a GET without its body.
    assertThat(followed.result()).contains("got GET  t1");

    TaskRecord loop = run("/loop", 3);
    assertThat(loop.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(loop.lastError().message()).contains("redirected more than 5 times");

    TaskRecord file = run("/hop?file:///etc/passwd", 3);
    assertThat(file.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(file.attempts()).isEqualTo(1);
    assertThat(file.lastError().message()).contains("not an http or https URL");
  }

  @Test
  void the_result_keeps_only_the_configured_start_of_the_body() {
    try (Baton small = start(new HttpTaskSettings(List.of("127.0.0.1/32"), 5))) {
      TaskRecord task = run(small, "http://127.0.0.1:" + remote.getAddress().getPort() + "/ok", 1);
      assertThat(task.result()).contains("\"body\":\"got P…\"");
    }
  }

  @Test
  void bad_payloads_are_refused_when_made() {
    assertThatThrownBy(
            () -> new BuiltInTypes.HttpCall("GET", "file:///etc/passwd", null, null, null))
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> new BuiltInTypes.HttpCall("gopher", "http://example.com/", null, null, null))
        .hasMessageContaining("method");
    assertThatThrownBy(
            () -> new BuiltInTypes.HttpCall("GET", "http://example.com/", null, null, "2h"))
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () -> new BuiltInTypes.HttpCall("GET", "http://example.com/", null, null, "soon"))
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                new BuiltInTypes.HttpCall(
                    "GET", "http://example.com/", Map.of("X", "a\r\nHost: x"), null, null))
        .hasMessageContaining("CR, LF");
    assertThatThrownBy(
            () ->
                new BuiltInTypes.HttpCall(
                    "GET", "http://example.com/", Map.of("Host", "x"), null, null))
        .hasMessageContaining("Host");
    assertThat(
            new BuiltInTypes.HttpCall("delete", "https://example.com/", null, null, "PT30S")
                .method())
        .isEqualTo("DELETE");
  }

  @Test
  void the_allow_list_takes_names_subdomains_addresses_and_blocks() throws Exception {
    HttpTargets targets =
        HttpTargets.parse(
            List.of("hooks.internal.example", "*.corp.example", "10.1.0.0/16", "fd12::1"));
    assertThat(targets.refusal("hooks.internal.example")).isNull();
    assertThat(targets.refusal("a.b.corp.example")).isNull();
    assertThat(targets.refusal("10.1.2.3")).isNull();
    assertThat(targets.refusal("[fd12::1]")).isNull();
    assertThat(targets.refusal("10.2.0.1")).contains("private");
    assertThat(targets.refusal("[fd12::2]")).contains("unique local");
    assertThat(targets.refusal("[::ffff:127.0.0.1]")).contains("loopback");
    assertThat(targets.refusal("8.8.8.8")).isNull();
    assertThatThrownBy(() -> HttpTargets.parse(List.of("10.0.0.0/33")))
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> HttpTargets.parse(List.of("999.1.1.1")))
        .hasMessageContaining("tasks.http.allow");
    assertThatThrownBy(() -> HttpTargets.parse(List.of("http://x")))
        .hasMessageContaining("tasks.http.allow");
  }

  @Test
  void a_2xx_succeeds_with_status_and_body_as_the_result() {
    TaskRecord task = run("/ok", 3);
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.result()).contains("\"status\":200").contains("got POST hello t1");
  }

  @Test
  void a_4xx_fails_at_once_without_retry() {
    TaskRecord task = run("/missing", 5);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(task.lastError().message()).contains("404");
  }

  @Test
  void credentials_in_the_url_are_masked_in_errors() {
    String url =
        "http://hook:pa55@127.0.0.1:" + remote.getAddress().getPort() + "/missing?token=s3cret";
    TaskRecord task = run(baton, url, 1);
    assertThat(task.lastError().message())
        .contains("404")
        .contains("token=****")
        .contains("hook:****@")
        .doesNotContain("s3cret")
        .doesNotContain("pa55");
  }

  @Test
  void a_5xx_is_retried_until_the_attempts_are_spent() {
    TaskRecord task = run("/broken", 3);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(3);
    assertThat(calls.get()).isEqualTo(3);
    assertThat(task.lastError().message()).contains("503");
  }

  @Test
  void a_429_waits_for_retry_after_then_runs_again() {
    TaskRecord task = run("/busy", 3);
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.errors().get(0).message()).contains("429").contains("Retry-After");
  }

  @Test
  void a_refused_connection_is_retried() {
    int port = remote.getAddress().getPort();
    remote.stop(0);
    var call =
        new BuiltInTypes.HttpCall(null, "http://127.0.0.1:" + port + "/ok", null, null, null);
    TaskId id = baton.enqueue(BuiltInTypes.HTTP, call, Enqueue.options().maxAttempts(2)).id();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              TaskRecord task = baton.task(id).get().orElseThrow();
              assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
              assertThat(task.attempts()).isEqualTo(2);
            });
  }

  @Test
  void retry_after_reads_seconds_and_http_dates() {
    assertThat(HttpHandler.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(HttpHandler.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(HttpHandler.retryAfter("soon")).isNull();
  }
}
