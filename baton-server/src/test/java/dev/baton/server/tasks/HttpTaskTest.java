package dev.baton.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
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
    remote.createContext("/ok", exchange -> {
      calls.incrementAndGet();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      byte[] reply = ("got " + exchange.getRequestMethod() + " " + body + " " + exchange.getRequestHeaders().getFirst("X-Tag"))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    remote.createContext("/missing", exchange -> respond(exchange, 404, null));
    remote.createContext("/broken", exchange -> respond(exchange, 503, null));
    remote.createContext("/busy", exchange -> respond(exchange, calls.get() == 0 ? 429 : 200, "0"));
    remote.start();
    baton = BuiltInTypes.addTo(Baton.builder()).retry(RetryPolicy.fixed(Duration.ofMillis(10), 5)).start();
  }

  private void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String retryAfter) throws IOException {
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
    var call = new BuiltInTypes.HttpCall("POST", "http://127.0.0.1:" + remote.getAddress().getPort() + path,
        Map.of("X-Tag", "t1"), "hello", "5s");
    TaskId id = baton.enqueue(BuiltInTypes.HTTP, call, Enqueue.options().maxAttempts(maxAttempts)).id();
    return baton.task(id).awaitDone(Duration.ofSeconds(20));
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
    var call = new BuiltInTypes.HttpCall(null, "http://127.0.0.1:" + port + "/ok", null, null, null);
    TaskId id = baton.enqueue(BuiltInTypes.HTTP, call, Enqueue.options().maxAttempts(2)).id();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
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
