package dev.baton.server.api;

import static dev.baton.server.api.TaskApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge against a real server: media types, origins, Host names, the token and strict JSON.
 */
class EdgeSecurityTest {
  private static ServerConfig config(String token, List<String> origins, List<String> hosts) {
    return ServerConfig.builder()
        .backend("memory:")
        .port(0)
        .token(token)
        .maxBodyBytes(100_000)
        .workers(2)
        .shutdownGrace(Duration.ofSeconds(5))
        .metrics(false)
        .allowedOrigins(origins)
        .allowedHosts(hosts)
        .build();
  }

  @Test
  void every_route_with_a_body_takes_only_application_json() {
    try (TestServer api = new TestServer()) {
      String task = "{\"type\":\"echo\",\"payload\":1}";
      String[][] routes = {
        {"POST", "/api/v1/tasks", task},
        {"POST", "/api/v1/tasks/batch", "{\"tasks\":[" + task + "]}"},
        {
          "POST",
          "/api/v1/schedules",
          "{\"name\":\"n\",\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\"}"
        },
        {
          "PUT",
          "/api/v1/schedules/n",
          "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\"}"
        },
        {"PUT", "/api/v1/kv/k", "{\"value\":1}"},
      };
      for (String[] r : routes) {
        for (String type :
            List.of(
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=iso-8859-1",
                "application/jsonx")) {
          assertProblem(api.send(r[0], r[1], r[2], "Content-Type", type), 415, "Content-Type");
        }
        assertProblem(
            api.send(r[0], r[1], r[2], new String[0]),
            415,
            "Content-Type"); // no Content-Type at all
        for (String type :
            List.of(
                "application/json",
                "Application/JSON; charset=UTF-8",
                "application/json;charset=\"utf-8\"")) {
          assertThat(api.send(r[0], r[1], r[2], "Content-Type", type).status())
              .as(r[1] + " " + type)
              .isBetween(200, 299);
        }
      }
    }
  }

  @Test
  void a_state_change_from_a_page_on_another_origin_is_refused() {
    try (TestServer api =
        new TestServer(config(null, List.of("https://ops.example.com/"), List.of()))) {
      String task = "{\"type\":\"echo\",\"payload\":1,\"delay\":\"1h\",\"id\":\"t\"}";
      String json = "application/json";
      assertProblem(
          api.send(
              "POST", "/api/v1/tasks", task, "Content-Type", json, "Origin", "http://evil.example"),
          403,
          "Origin");
      assertProblem(
          api.send("POST", "/api/v1/tasks", task, "Content-Type", json, "Origin", "null"),
          403,
          "Origin");
      assertThat(api.get("/api/v1/tasks/t").status()).isEqualTo(404);
      String own = api.server.url(); // http://127.0.0.1:PORT, which the browser's Host matches
      assertThat(
              api.send("POST", "/api/v1/tasks", task, "Content-Type", json, "Origin", own).status())
          .isEqualTo(201);
      assertProblem(
          api.send("POST", "/api/v1/tasks/t/cancel", null, "Origin", "http://evil.example"),
          403,
          "Origin");
      assertProblem(
          api.send("DELETE", "/api/v1/kv/k", null, "Origin", "http://127.0.0.1:1"), 403, "Origin");
      assertThat(
              api.send("POST", "/api/v1/tasks/t/cancel", null, "Origin", "https://ops.example.com")
                  .status())
          .isEqualTo(200);
      // Reading is not a state change, and without CORS headers the other page cannot see the
      // answer.
      assertThat(api.send("GET", "/api/v1/tasks/t", null, "Origin", "http://evil.example").status())
          .isEqualTo(200);
    }
  }

  @Test
  void a_host_name_the_server_does_not_answer_to_gets_421() throws IOException {
    try (TestServer api = new TestServer(config(null, List.of(), List.of("baton.example.com")))) {
      int port = api.server.address().getPort();
      assertThat(rawGet(port, "/api/v1/queues", "rebind.attacker.example:" + port))
          .startsWith("HTTP/1.1 421");
      assertThat(rawGet(port, "/dashboard/index.html", "rebind.attacker.example"))
          .startsWith("HTTP/1.1 421");
      for (String host :
          List.of(
              "localhost:" + port,
              "LOCALHOST",
              "127.0.0.1:" + port,
              "[::1]:" + port,
              "baton.example.com",
              "Baton.Example.Com.:443",
              "192.168.1.20:" + port)) {
        assertThat(rawGet(port, "/api/v1/queues", host)).as(host).startsWith("HTTP/1.1 200");
      }
      // Orchestrators probe by any name they like; health tells only up or down.
      assertThat(rawGet(port, "/api/v1/health/live", "pod.cluster.local"))
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void a_star_in_allowed_hosts_accepts_any_host() throws IOException {
    try (TestServer api = new TestServer(config("t0k", List.of(), List.of("*")))) {
      int port = api.server.address().getPort();
      assertThat(rawGet(port, "/api/v1/queues", "anything.example", "Authorization: Bearer t0k"))
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void the_bearer_scheme_is_case_insensitive_and_the_token_is_compared_whole() {
    try (TestServer api = new TestServer("s3cret", 10_000)) {
      assertThat(api.send("GET", "/api/v1/queues", null, "Authorization", "bearer s3cret").status())
          .isEqualTo(200);
      assertThat(
              api.send("GET", "/api/v1/queues", null, "Authorization", "BEARER   s3cret").status())
          .isEqualTo(200);
      for (String wrong :
          List.of("Bearer s3cre", "Bearer s3crett", "Basic s3cret", "s3cret", "Bearer", "")) {
        assertProblem(
            api.send("GET", "/api/v1/queues", null, "Authorization", wrong), 401, "Authorization");
      }
    }
  }

  @Test
  void the_event_stream_does_not_take_the_token_in_the_url() throws Exception {
    try (TestServer api = new TestServer("s3cret", 10_000)) {
      api.token = null;
      assertProblem(api.get("/api/v1/events?token=s3cret"), 401, "Authorization");
      assertThat(
              DashboardTest.firstEvent(
                  api.server.url() + "/api/v1/events", "Authorization", "Bearer s3cret"))
          .startsWith("event: counts");
    }
  }

  @Test
  void a_body_must_be_one_strict_json_value() {
    try (TestServer api = new TestServer()) {
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":1} xyz"), 400, "body");
      assertProblem(api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":1}{}"), 400, "body");
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":{\"n\":1e999999}}"),
          400,
          "payload.n");
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":[1,-1e999999]}"),
          400,
          "payload[1]");
      assertProblem(api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":NaN}"), 400, "body");
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":\"a\\ud800b\"}"),
          400,
          "payload");
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"payload\":{\"\\udc00\":1}}"),
          400,
          "payload");
      assertProblem(
          api.post("/api/v1/tasks", "{\"type\":\"echo\",\"type\":\"other\",\"payload\":1}"),
          400,
          "body");
      assertProblem(api.post("/api/v1/tasks", "   "), 400, "body");
      // A well-formed pair is a character, and large finite numbers are numbers.
      String fine = "{\"type\":\"echo\",\"payload\":{\"s\":\"\\ud83d\\ude00\",\"n\":1e300}}";
      assertThat(api.post("/api/v1/tasks", fine).status()).isEqualTo(201);
    }
  }

  @Test
  void a_duration_out_of_range_is_a_bad_request_not_a_server_error() {
    try (TestServer api = new TestServer()) {
      var reply = api.put("/api/v1/kv/k", "{\"value\":1,\"ttl\":\"P999999999999D\"}");
      assertThat(reply.status()).as("%s", reply).isEqualTo(400);
      assertThat(reply.body()).doesNotContain("Exception").doesNotContain("java.");
    }
  }

  @Test
  void an_unexpected_error_answers_500_with_a_request_id_only_and_logs_the_stack()
      throws Exception {
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Dispatcher.class);
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    logger.addAppender(appender);
    List<Route> routes =
        List.of(
            Route.of(
                "GET",
                "/api/v1/boom",
                call -> {
                  throw new NullPointerException(
                      "Cannot invoke \"dev.baton.Secret.key()\" because \"vault\" is null");
                }),
            Route.of(
                "GET",
                "/api/v1/far",
                call -> {
                  throw new java.time.DateTimeException(
                      "Instant exceeds minimum or maximum instant");
                }));
    var http =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", new Dispatcher(routes, new ApiSettings("127.0.0.1", 0, null, 1000)));
    http.start();
    try {
      int port = http.getAddress().getPort();
      String boom = rawGet(port, "/api/v1/boom", "127.0.0.1");
      assertThat(boom)
          .startsWith("HTTP/1.1 500")
          .contains("application/problem+json")
          .contains("\"requestId\"")
          .doesNotContain("NullPointerException")
          .doesNotContain("Secret")
          .doesNotContain("vault")
          .doesNotContain("java.");
      String id =
          TestServer.JSON
              .readTree(boom.substring(boom.indexOf("\r\n\r\n") + 4))
              .get("requestId")
              .asText();
      assertThat(appender.list)
          .anySatisfy(
              e -> {
                assertThat(e.getFormattedMessage()).contains(id).contains("/api/v1/boom");
                assertThat(e.getThrowableProxy().getMessage()).contains("vault");
              });
      String far = rawGet(port, "/api/v1/far", "127.0.0.1");
      assertThat(far)
          .startsWith("HTTP/1.1 400")
          .contains("out of range")
          .doesNotContain("DateTimeException")
          .doesNotContain("Instant");
    } finally {
      http.stop(0);
      logger.detachAppender(appender);
    }
  }

  @Test
  void a_non_loopback_address_without_a_token_is_refused_unless_explicitly_allowed() {
    assertThatThrownBy(() -> new ApiSettings("0.0.0.0", 0, null, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0 without a token")
        .hasMessageContaining("--insecure-no-token");
    assertThat(new ApiSettings("0.0.0.0", 0, "t", 1000).host()).isEqualTo("0.0.0.0");
    assertThat(
            new ApiSettings("0.0.0.0", 0, null, 1000, true, List.of(), List.of())
                .allowUnauthenticatedRemote())
        .isTrue();
    assertThat(new ApiSettings("::1", 0, null, 1000).host()).isEqualTo("::1");
    assertThat(ApiSettings.onPort(8080).host()).isEqualTo("127.0.0.1");
    assertThat(new ApiSettings(null, 0, null, 1000).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void the_url_is_the_bound_address_and_a_wildcard_with_a_token_serves_loopback() {
    try (TestServer api = new TestServer()) {
      assertThat(api.server.url()).isEqualTo("http://127.0.0.1:" + api.server.address().getPort());
    }
    ServerConfig wildcard =
        ServerConfig.builder()
            .backend("memory:")
            .host("0.0.0.0")
            .port(0)
            .token("t")
            .maxBodyBytes(100_000)
            .workers(1)
            .shutdownGrace(Duration.ofSeconds(5))
            .metrics(false)
            .build();
    try (TestServer api = new TestServer(wildcard)) {
      assertThat(api.server.address().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(api.get("/api/v1/queues").status()).isEqualTo(200);
    }
  }

  @Test
  void the_explicit_opt_out_starts_on_every_interface_without_a_token_and_warns() {
    var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ApiServer.class);
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    logger.addAppender(appender);
    ServerConfig open =
        ServerConfig.builder()
            .backend("memory:")
            .host("0.0.0.0")
            .port(0)
            .maxBodyBytes(100_000)
            .workers(1)
            .shutdownGrace(Duration.ofSeconds(5))
            .metrics(false)
            .allowUnauthenticatedRemote(true)
            .build();
    try (TestServer api = new TestServer(open)) {
      assertThat(api.get("/api/v1/queues").status()).isEqualTo(200);
      assertThat(appender.list)
          .anySatisfy(
              e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
                assertThat(e.getFormattedMessage()).startsWith("INSECURE").contains("0.0.0.0");
              });
    } finally {
      logger.detachAppender(appender);
    }
  }

  /** A request with a Host of our choosing, which java.net.http does not allow to set. */
  static String rawGet(int port, String path, String host, String... headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      StringBuilder request =
          new StringBuilder(
              "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      for (String header : headers) {
        request.append(header).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
