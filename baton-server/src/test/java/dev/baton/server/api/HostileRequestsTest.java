package dev.baton.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Malformed and hostile requests against a real server, each written byte for byte: every one is
 * refused with the status the API documents, as problem+json that names no Java class and carries
 * no stack, and none changes anything: the tasks, schedules, key-value entries and queues read the
 * same before and after each request.
 */
class HostileRequestsTest {
  private static final String JSON = "application/json";
  // A Java class name as an exception would print it, or a stack frame.
  private static final Pattern LEAK =
      Pattern.compile(
          "\\b(java|javax|jdk|com|org|dev)\\.[\\w.$]+(Exception|Error)\\b|\\n\\s*at [\\w.$]+\\(");
  private static final List<String> BODY_ROUTES =
      List.of(
          "POST /api/v1/tasks",
          "POST /api/v1/tasks/batch",
          "POST /api/v1/schedules",
          "PUT /api/v1/schedules/hostile",
          "PUT /api/v1/kv/hostile",
          "POST /api/v1/workers",
          "POST /api/v1/workers/ghost/fetch",
          "POST /api/v1/workers/ghost/settle");

  private static TestServer api;
  private static TestServer secured;
  private static int port;
  private static int securedPort;

  @BeforeAll
  static void seed() {
    api = new TestServer();
    port = java.net.URI.create(api.server.url()).getPort();
    api.post("/api/v1/tasks", "{\"type\":\"echo\",\"id\":\"done\",\"payload\":{\"n\":1}}");
    api.post(
        "/api/v1/tasks", "{\"type\":\"echo\",\"id\":\"later\",\"delay\":\"1h\",\"payload\":{}}");
    api.post(
        "/api/v1/tasks", "{\"type\":\"echo\",\"id\":\"stopped\",\"delay\":\"1h\",\"payload\":{}}");
    api.post("/api/v1/tasks/stopped/cancel", null);
    api.put(
        "/api/v1/schedules/yearly",
        "{\"kind\":\"cron\",\"expression\":\"0 0 1 1 *\",\"type\":\"echo\"}");
    api.put("/api/v1/kv/secret", "{\"value\":{\"kept\":true}}");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/tasks/done").json().get("status").asText())
                    .isEqualTo("SUCCEEDED"));
    secured = new TestServer("s3cr3t-t0k3n", ApiSettings.DEFAULT_MAX_BODY_BYTES);
    securedPort = java.net.URI.create(secured.server.url()).getPort();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (secured != null) {
      secured.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_hostile_request_is_refused_as_problem_json_and_changes_nothing() {
    return cases().stream()
        .map(
            c ->
                dynamicTest(
                    c.toString(),
                    () -> {
                      String before = state();
                      TestServer.Response response =
                          RawHttp.send(port, c.method, c.path, c.headers, c.body);
                      assertThat(response.status())
                          .as("%s answered %s", c, response)
                          .isIn(c.statuses);
                      assertThat(response.contentType())
                          .as("%s", response)
                          .startsWith(Problems.CONTENT_TYPE);
                      JsonNode problem = response.json();
                      assertThat(problem.path("status").asInt())
                          .as("%s", response)
                          .isEqualTo(response.status());
                      assertThat(problem.path("title").asText()).as("%s", response).isNotBlank();
                      assertThat(problem.path("detail").asText()).as("%s", response).isNotBlank();
                      assertThat(LEAK.matcher(response.body()).find())
                          .as("a Java class or stack in %s", response)
                          .isFalse();
                      assertThat(state()).as("state after %s", c).isEqualTo(before);
                    }));
  }

  @Test
  void the_suite_sends_at_least_200_distinct_requests() {
    List<Case> all = cases();
    Set<String> distinct = new HashSet<>();
    all.forEach(
        c ->
            distinct.add(
                c.method
                    + " "
                    + c.path
                    + " "
                    + c.headers
                    + " "
                    + new String(c.body == null ? new byte[0] : c.body, StandardCharsets.UTF_8)));
    assertThat(distinct).hasSize(all.size()).hasSizeGreaterThanOrEqualTo(200);
  }

  @TestFactory
  Stream<DynamicTest> with_a_token_every_route_but_health_and_the_dashboard_files_needs_it() {
    List<String> routes =
        List.of(
            "GET /api/v1/tasks",
            "GET /api/v1/kv/secret",
            "GET /api/v1/schedules",
            "GET /api/v1/queues",
            "GET /api/v1/nodes",
            "GET /api/v1/events",
            "GET /metrics",
            "POST /api/v1/queues/default/pause",
            "POST /api/v1/workers",
            "POST /api/v1/workers/ghost/heartbeat");
    Map<String, Map<String, String>> wrong = new LinkedHashMap<>();
    wrong.put("no header", Map.of());
    wrong.put("another token", Map.of("Authorization", "Bearer not-the-token"));
    wrong.put("a prefix of it", Map.of("Authorization", "Bearer s3cr3t-t0k3"));
    wrong.put("basic scheme", Map.of("Authorization", "Basic czNjcjN0LXQwazNu"));
    wrong.put("no scheme", Map.of("Authorization", "s3cr3t-t0k3n"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String route : routes) {
      int space = route.indexOf(' ');
      for (Map.Entry<String, Map<String, String>> auth : wrong.entrySet()) {
        tests.add(
            dynamicTest(
                route + " with " + auth.getKey(),
                () -> {
                  TestServer.Response response =
                      RawHttp.send(
                          securedPort,
                          route.substring(0, space),
                          route.substring(space + 1),
                          auth.getValue(),
                          null);
                  assertThat(response.status()).as("%s", response).isEqualTo(401);
                  assertThat(response.body()).doesNotContain("s3cr3t-t0k3n");
                }));
      }
      // A token in the URL ends up in logs and history, so no route takes it there.
      tests.add(
          dynamicTest(
              route + " with the token in the query",
              () ->
                  assertThat(
                          RawHttp.send(
                                  securedPort,
                                  route.substring(0, space),
                                  route.substring(space + 1) + "?token=s3cr3t-t0k3n",
                                  Map.of(),
                                  null)
                              .status())
                      .isEqualTo(401)));
    }
    tests.add(
        dynamicTest(
            "the scheme is case-insensitive",
            () ->
                assertThat(
                        RawHttp.send(
                                securedPort,
                                "GET",
                                "/api/v1/queues",
                                Map.of("Authorization", "bearer s3cr3t-t0k3n"),
                                null)
                            .status())
                    .isEqualTo(200)));
    tests.add(
        dynamicTest(
            "health and the dashboard's files need no token",
            () -> {
              assertThat(
                      RawHttp.send(securedPort, "GET", "/api/v1/health/live", Map.of(), null)
                          .status())
                  .isEqualTo(200);
              assertThat(RawHttp.send(securedPort, "GET", "/dashboard/", Map.of(), null).status())
                  .isEqualTo(200);
            }));
    return tests.stream();
  }

  /**
   * What a refused request must not change: every task, schedule, key and queue as the API lists
   * them.
   */
  private static String state() {
    StringBuilder s = new StringBuilder();
    for (JsonNode t : api.get("/api/v1/tasks?limit=1000").json().get("items")) {
      s.append(t.get("id"))
          .append(t.get("status"))
          .append(t.get("attempts"))
          .append(t.get("queue"))
          .append(t.get("priority"))
          .append(t.get("runAt"))
          .append(t.get("payload"))
          .append('\n');
    }
    for (JsonNode sc : api.get("/api/v1/schedules").json().get("items")) {
      s.append(sc.get("name"))
          .append(sc.get("enabled"))
          .append(sc.get("expression"))
          .append(sc.get("nextRunAt"))
          .append(sc.get("runCount"))
          .append('\n');
    }
    for (JsonNode key : api.get("/api/v1/kv").json().get("keys")) {
      String path =
          "/api/v1/kv/"
              + java.net.URLEncoder.encode(key.asText(), StandardCharsets.UTF_8)
                  .replace("+", "%20");
      s.append(key).append('=').append(api.get(path).json().get("value")).append('\n');
    }
    for (JsonNode q : api.get("/api/v1/queues").json().get("items")) {
      s.append(q.get("queue")).append(q.get("paused")).append('\n');
    }
    return s.toString();
  }

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    malformedBodies(cases);
    wrongContentTypes(cases);
    crossOrigin(cases);
    foreignHosts(cases);
    badTasks(cases);
    badBatches(cases);
    badSchedules(cases);
    badKv(cases);
    badQueries(cases);
    badPaths(cases);
    badWorkerCalls(cases);
    return cases;
  }

  private static void malformedBodies(List<Case> cases) {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    List<String> bodies =
        List.of(
            "",
            "{",
            "}",
            "{\"type\":",
            "{} xyz",
            "{\"a\":1}{\"b\":2}",
            "[1,2",
            "{'type':'echo'}",
            "{type:\"echo\"}",
            "/* c */ {}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":1e999999}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":01}",
            "\"just a string\"",
            "42",
            "null",
            "true",
            deep);
    for (String route : BODY_ROUTES) {
      for (String body : bodies) {
        cases.add(Case.json(route, body, 400));
      }
    }
    // Bytes that are not UTF-8, and a body that lies about its length being over the limit.
    cases.add(
        Case.raw(
            "POST /api/v1/tasks",
            Map.of("Content-Type", JSON),
            new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'},
            400));
    // The body itself is not sent: the server answers from the header, and may close the connection
    // before reading a body it refuses (TaskApiTest sends one through the JDK client).
    cases.add(
        Case.raw(
            "POST /api/v1/tasks",
            Map.of("Content-Type", JSON, "Content-Length", "999999999"),
            new byte[0],
            413));
    cases.add(
        Case.raw(
            "PUT /api/v1/kv/hostile",
            Map.of("Content-Type", JSON, "Content-Length", "2097153"),
            new byte[0],
            413));
  }

  private static void wrongContentTypes(List<Case> cases) {
    String task = "{\"type\":\"echo\",\"payload\":{}}";
    List<String> types =
        List.of(
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/xml",
            "text/json-ish");
    for (String route : BODY_ROUTES) {
      for (String type : types) {
        cases.add(Case.raw(route, Map.of("Content-Type", type), bytes(task), 415));
      }
      cases.add(Case.raw(route, Map.of(), bytes(task), 415));
    }
  }

  private static void crossOrigin(List<Case> cases) {
    String task = "{\"type\":\"echo\",\"payload\":{}}";
    for (String origin :
        List.of(
            "https://evil.example",
            "null",
            "http://127.0.0.1.evil.example",
            "http://localhost:1")) {
      cases.add(
          Case.raw(
              "POST /api/v1/tasks",
              Map.of("Content-Type", JSON, "Origin", origin),
              bytes(task),
              403));
      cases.add(Case.raw("POST /api/v1/queues/default/pause", Map.of("Origin", origin), null, 403));
      cases.add(Case.raw("DELETE /api/v1/kv/secret", Map.of("Origin", origin), null, 403));
    }
    cases.add(
        Case.raw(
            "PUT /api/v1/kv/secret",
            Map.of("Content-Type", JSON, "Origin", "https://evil.example"),
            bytes("{\"value\":1}"),
            403));
    cases.add(
        Case.raw(
            "DELETE /api/v1/schedules/yearly",
            Map.of("Origin", "https://evil.example"),
            null,
            403));
    cases.add(
        Case.raw(
            "POST /api/v1/schedules/yearly/pause",
            Map.of("Origin", "https://evil.example"),
            null,
            403));
    cases.add(
        Case.raw(
            "POST /api/v1/tasks/stopped/retry",
            Map.of("Origin", "https://evil.example"),
            null,
            403));
    cases.add(
        Case.raw(
            "POST /api/v1/tasks/later/cancel",
            Map.of("Origin", "https://evil.example"),
            null,
            403));
  }

  private static void foreignHosts(List<Case> cases) {
    for (String host :
        List.of(
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "localhost.evil.example")) {
      cases.add(Case.raw("GET /api/v1/kv/secret", Map.of("Host", host), null, 403, 421));
      cases.add(Case.raw("GET /api/v1/tasks", Map.of("Host", host), null, 403, 421));
      cases.add(
          Case.raw("POST /api/v1/queues/default/pause", Map.of("Host", host), null, 403, 421));
    }
  }

  private static void badTasks(List<Case> cases) {
    String route = "POST /api/v1/tasks";
    List<String> bodies =
        List.of(
            "{}",
            "[]",
            "{\"payload\":{}}",
            "{\"type\":7,\"payload\":{}}",
            "{\"type\":\"\",\"payload\":{}}",
            "{\"type\":\"no-such-type\",\"payload\":{}}",
            "{\"type\":\"echo\"}",
            "{\"type\":\"echo\",\"payload\":null}",
            "{\"type\":\"echo\",\"payload\":{},\"priority\":\"high\"}",
            "{\"type\":\"echo\",\"payload\":{},\"priority\":1.5}",
            "{\"type\":\"echo\",\"payload\":{},\"priority\":1e10}",
            "{\"type\":\"echo\",\"payload\":{},\"priority\":99999}",
            "{\"type\":\"echo\",\"payload\":{},\"priority\":-99999}",
            "{\"type\":\"echo\",\"payload\":{},\"maxAttempts\":0}",
            "{\"type\":\"echo\",\"payload\":{},\"maxAttempts\":-1}",
            "{\"type\":\"echo\",\"payload\":{},\"maxAttempts\":\"3\"}",
            "{\"type\":\"echo\",\"payload\":{},\"maxAttempts\":2.5}",
            "{\"type\":\"echo\",\"payload\":{},\"delay\":\"abc\"}",
            "{\"type\":\"echo\",\"payload\":{},\"retryPolicy\":\"forever\"}",
            "{\"type\":\"echo\",\"payload\":{},\"retryPolicy\":3}",
            "{\"type\":\"echo\",\"payload\":{},\"retryPolicy\":\"fixed delay=PT1S retries=-1\"}",
            "{\"type\":\"echo\",\"payload\":{},\"retryPolicy\":\"exponential initial=PT1S multiplier=NaN max=PT1M retries=1 jitter=0\"}",
            "{\"type\":\"echo\",\"payload\":{},\"delay\":\"P999999999999D\"}",
            "{\"type\":\"echo\",\"payload\":{},\"delay\":\"P1000000000D\"}",
            "{\"type\":\"echo\",\"payload\":{},\"delay\":\"-5s\"}",
            "{\"type\":\"echo\",\"payload\":{},\"delay\":5}",
            "{\"type\":\"echo\",\"payload\":{},\"runAt\":\"yesterday\"}",
            "{\"type\":\"echo\",\"payload\":{},\"runAt\":\"2400-01-01T00:00:00Z\"}",
            "{\"type\":\"echo\",\"payload\":{},\"runAt\":\"0000-01-01T00:00:00Z\"}",
            "{\"type\":\"echo\",\"payload\":{},\"runAt\":\"+1000000-01-01T00:00:00Z\"}",
            "{\"type\":\"echo\",\"payload\":{},\"runAt\":\"2030-01-01T00:00:00Z\",\"delay\":\"5s\"}",
            "{\"type\":\"echo\",\"payload\":{},\"timeout\":\"P1000000000D\"}",
            "{\"type\":\"echo\",\"payload\":{},\"timeout\":\"soon\"}",
            "{\"type\":\"echo\",\"payload\":{},\"queue\":\"_baton/x\"}",
            "{\"type\":\"echo\",\"payload\":{},\"queue\":\"\"}",
            "{\"type\":\"echo\",\"payload\":{},\"queue\":\"a\\u0000b\"}",
            "{\"type\":\"echo\",\"payload\":{},\"queue\":\"" + "q".repeat(300) + "\"}",
            "{\"type\":\"echo\",\"payload\":{},\"queue\":5}",
            "{\"type\":\"echo\",\"payload\":{},\"id\":\"\"}",
            "{\"type\":\"echo\",\"payload\":{},\"id\":\"a\\u0000b\"}",
            "{\"type\":\"echo\",\"payload\":{},\"id\":\"" + "i".repeat(1000) + "\"}",
            "{\"type\":\"echo\",\"payload\":{},\"id\":12}",
            "{\"type\":\"echo\",\"payload\":{},\"correlationId\":12}",
            "{\"type\":\"http\",\"payload\":{}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"file:///etc/passwd\"}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"gopher://127.0.0.1:6379/_FLUSHALL\"}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"http://example.com/\",\"method\":\"TRACE\"}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"http://example.com/\",\"method\":\"GET\\r\\nX-Evil: 1\"}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"http://example.com/\",\"timeout\":\"whenever\"}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"http://example.com/\",\"headers\":{\"X-A\":\"1\\r\\nX-Evil: 2\"}}}",
            "{\"type\":\"http\",\"payload\":{\"url\":\"not a url\"}}",
            "{\"type\":\"http\",\"payload\":\"http://example.com/\"}",
            "{\"type\":\"shell\",\"payload\":{\"command\":\"sh\",\"args\":[\"-c\",\"env\"]}}",
            "{\"type\":\"shell\",\"payload\":{\"command\":\"/bin/sh\",\"args\":[\"-c\",\"env\"]}}",
            "{\"type\":\"shell\",\"payload\":{\"command\":\"echo\",\"timeout\":\"forever\"}}");
    for (String body : bodies) {
      cases.add(Case.json(route, body, 400));
    }
  }

  private static void badBatches(List<Case> cases) {
    String good = "{\"type\":\"echo\",\"payload\":{}}";
    for (String body :
        List.of(
            "[]",
            "{\"tasks\":[]}",
            "{\"tasks\":{}}",
            "{\"tasks\":\"x\"}",
            "{}",
            "[" + good + "," + good + ",{\"type\":\"nope\",\"payload\":{}}]",
            "[" + good + ",{\"type\":\"echo\"}]",
            "[" + good + ",{\"type\":\"echo\",\"payload\":{},\"runAt\":\"2400-01-01T00:00:00Z\"}]",
            "[" + good + ",7]",
            "{\"tasks\":["
                + good
                + ",{\"type\":\"echo\",\"payload\":{},\"queue\":\"_baton/x\"}]}")) {
      cases.add(Case.json("POST /api/v1/tasks/batch", body, 400));
    }
  }

  private static void badSchedules(List<Case> cases) {
    String route = "PUT /api/v1/schedules/hostile";
    List<String> bodies =
        List.of(
            "{}",
            "{\"kind\":\"cron\",\"type\":\"echo\"}",
            "{\"kind\":\"sometimes\",\"expression\":\"1s\",\"type\":\"echo\"}",
            "{\"kind\":\"interval\",\"expression\":\"PT0.001S\",\"type\":\"echo\"}",
            "{\"kind\":\"interval\",\"expression\":\"0s\",\"type\":\"echo\"}",
            "{\"kind\":\"interval\",\"expression\":\"-1s\",\"type\":\"echo\"}",
            "{\"kind\":\"interval\",\"expression\":\"10ms\",\"type\":\"echo\"}",
            "{\"kind\":\"interval\",\"expression\":\"P999999999999D\",\"type\":\"echo\"}",
            "{\"kind\":\"cron\",\"expression\":\"not a cron\",\"type\":\"echo\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 0 30 2 *\",\"type\":\"echo\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 0 31 4 *\",\"type\":\"echo\"}",
            "{\"kind\":\"cron\",\"expression\":\"* * * * * * * *\",\"type\":\"echo\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\",\"zone\":\"Mars/Olympus\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"no-such-type\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":5}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\",\"misfire\":\"sometimes\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\",\"maxRuns\":-1}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\",\"queue\":\"_baton/x\"}",
            "{\"kind\":\"cron\",\"expression\":\"0 2 * * *\",\"type\":\"echo\",\"priority\":\"top\"}",
            "{\"kind\":\"once\",\"expression\":\"2400-01-01T00:00:00Z\",\"type\":\"echo\"}",
            "{\"kind\":\"once\",\"expression\":\"tomorrow\",\"type\":\"echo\"}");
    for (String body : bodies) {
      cases.add(Case.json(route, body, 400));
    }
    cases.add(
        Case.json(
            "POST /api/v1/schedules",
            "{\"kind\":\"interval\",\"expression\":\"1h\",\"type\":\"echo\"}",
            400));
    cases.add(
        Case.json(
            "PUT /api/v1/schedules/" + "n".repeat(1000),
            "{\"kind\":\"interval\",\"expression\":\"1h\",\"type\":\"echo\"}",
            400));
    cases.add(
        Case.json(
            "PUT /api/v1/schedules/a%00b",
            "{\"kind\":\"interval\",\"expression\":\"1h\",\"type\":\"echo\"}", 400));
  }

  private static void badKv(List<Case> cases) {
    for (String body :
        List.of(
            "{}",
            "{\"val\":1}",
            "{\"value\":1,\"ttl\":\"abc\"}",
            "{\"value\":1,\"ttl\":\"-1s\"}",
            "{\"value\":1,\"ttl\":\"0s\"}",
            "{\"value\":1,\"ttl\":\"P999999999999D\"}",
            "{\"value\":1,\"ttl\":30}")) {
      cases.add(Case.json("PUT /api/v1/kv/hostile", body, 400));
    }
    cases.add(Case.json("PUT /api/v1/kv/a%00b", "{\"value\":1}", 400));
    cases.add(Case.json("PUT /api/v1/kv/" + "k".repeat(2000), "{\"value\":1}", 400));
    cases.add(Case.raw("GET /api/v1/kv/absent", Map.of(), null, 404));
    cases.add(Case.raw("DELETE /api/v1/kv/absent", Map.of(), null, 404));
  }

  private static void badQueries(List<Case> cases) {
    for (String query :
        List.of(
            "limit=-1",
            "limit=abc",
            "limit=100000",
            "offset=-5",
            "offset=x",
            "status=BOGUS",
            "limit=1e3",
            "limit=99999999999",
            "status=%00",
            "queue=_baton%2Fx")) {
      cases.add(Case.raw("GET /api/v1/tasks?" + query, Map.of(), null, 400));
    }
    cases.add(Case.raw("GET /api/v1/schedules/yearly/next?count=-1", Map.of(), null, 400));
    cases.add(Case.raw("GET /api/v1/schedules/yearly/next?count=1000000", Map.of(), null, 400));
    cases.add(Case.raw("GET /api/v1/schedules/yearly/next?count=x", Map.of(), null, 400));
  }

  private static void badPaths(List<Case> cases) {
    cases.add(Case.raw("GET /api/v1/nope", Map.of(), null, 404));
    cases.add(Case.raw("GET /api/v2/tasks", Map.of(), null, 404));
    cases.add(Case.raw("GET /api/v1/tasks/absent", Map.of(), null, 404));
    cases.add(Case.raw("POST /api/v1/tasks/absent/cancel", Map.of(), null, 404));
    cases.add(Case.raw("POST /api/v1/tasks/absent/retry", Map.of(), null, 404));
    cases.add(Case.raw("GET /api/v1/schedules/absent", Map.of(), null, 404));
    cases.add(Case.raw("DELETE /api/v1/schedules/absent", Map.of(), null, 404));
    cases.add(Case.raw("POST /api/v1/schedules/absent/pause", Map.of(), null, 404));
    cases.add(Case.raw("POST /api/v1/schedules/absent/trigger", Map.of(), null, 404));
    cases.add(Case.raw("PATCH /api/v1/tasks", Map.of(), null, 405));
    cases.add(Case.raw("DELETE /api/v1/tasks/done", Map.of(), null, 405));
    cases.add(Case.raw("PUT /api/v1/queues/default/pause", Map.of(), null, 405));
    cases.add(Case.raw("POST /api/v1/queues/_baton%2Fx/pause", Map.of(), null, 400));
    cases.add(Case.raw("POST /api/v1/queues/a%00b/pause", Map.of(), null, 400));
    cases.add(Case.raw("POST /api/v1/queues/" + "q".repeat(300) + "/pause", Map.of(), null, 400));
    cases.add(Case.raw("GET /api/v1/tasks/..%2F..%2Fkv%2Fsecret", Map.of(), null, 404));
    cases.add(Case.raw("GET /api/v1/tasks/%E0%A4%80x", Map.of(), null, 404));
    cases.add(Case.raw("GET /api/v1/kv/%C3%28", Map.of(), null, 400, 404));
  }

  /**
   * The worker protocol: each body is checked before the worker or task is looked up; a settlement
   * by a worker that is not registered is refused as a lost lease and changes nothing.
   */
  private static void badWorkerCalls(List<Case> cases) {
    String labels =
        "{"
            + String.join(
                ",",
                java.util.stream.IntStream.range(0, 21)
                    .mapToObj(i -> "\"k" + i + "\":\"v\"")
                    .toList())
            + "}";
    String queues =
        "["
            + String.join(
                ",",
                java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"q" + i + "\"").toList())
            + "]";
    for (String body :
        List.of(
            "{}",
            "{\"queues\":[]}",
            "{\"queues\":\"default\"}",
            "{\"queues\":[\"_baton/x\"]}",
            "{\"queues\":[7]}",
            "{\"queues\":" + queues + "}",
            "{\"queues\":[\"a\"],\"types\":[\"a b\"]}",
            "{\"queues\":[\"a\"],\"concurrency\":0}",
            "{\"queues\":[\"a\"],\"concurrency\":1001}",
            "{\"queues\":[\"a\"],\"concurrency\":\"8\"}",
            "{\"queues\":[\"a\"],\"concurrency\":1.5}",
            "{\"queues\":[\"a\"],\"id\":\"\"}",
            "{\"queues\":[\"a\"],\"id\":\"a\\u0000b\"}",
            "{\"queues\":[\"a\"],\"id\":\"" + "w".repeat(201) + "\"}",
            "{\"queues\":[\"a\"],\"labels\":" + labels + "}",
            "{\"queues\":[\"a\"],\"labels\":{\"k\":1}}",
            "{\"queues\":[\"a\"],\"labels\":[\"k\"]}")) {
      cases.add(Case.json("POST /api/v1/workers", body, 400));
    }
    for (String body :
        List.of(
            "{\"max\":0}",
            "{\"max\":1001}",
            "{\"max\":\"1\"}",
            "{\"wait\":\"1h\"}",
            "{\"wait\":\"-1s\"}",
            "{\"wait\":30}",
            "{\"wait\":\"soon\"}")) {
      cases.add(Case.json("POST /api/v1/workers/ghost/fetch", body, 400));
    }
    cases.add(Case.json("POST /api/v1/workers/ghost/fetch", "{\"wait\":\"0s\"}", 404));
    cases.add(Case.json("POST /api/v1/workers/ghost/heartbeat", "{}", 404));
    cases.add(Case.json("POST /api/v1/workers/ghost/heartbeat", "[]", 400));
    cases.add(Case.raw("DELETE /api/v1/workers/ghost", Map.of(), null, 404));
    String task = "POST /api/v1/workers/ghost/tasks/later/";
    for (String verb : List.of("ack", "fail", "suspend", "extend", "release")) {
      cases.add(Case.json(task + verb, "{}", 400));
      cases.add(Case.json(task + verb, "{\"lease\":5}", 400));
    }
    cases.add(Case.json(task + "ack", "{\"lease\":\"guess\",\"result\":1}", 409));
    cases.add(Case.json(task + "release", "{\"lease\":\"guess\"}", 409));
    cases.add(
        Case.json("POST /api/v1/workers/ghost/tasks/absent/ack", "{\"lease\":\"guess\"}", 404));
    for (String body :
        List.of(
            "{\"lease\":\"x\"}",
            "{\"lease\":\"x\",\"error\":\"boom\"}",
            "{\"lease\":\"x\",\"error\":{}}",
            "{\"lease\":\"x\",\"error\":{\"message\":5}}",
            "{\"lease\":\"x\",\"error\":{\"message\":\"m\"},\"retry\":\"no\"}",
            "{\"lease\":\"x\",\"error\":{\"message\":\"m\"},\"retryAfter\":\"-1s\"}")) {
      cases.add(Case.json(task + "fail", body, 400));
    }
    cases.add(Case.json(task + "suspend", "{\"lease\":\"x\",\"after\":\"forever\"}", 400));
    cases.add(Case.json(task + "extend", "{\"lease\":\"x\",\"by\":\"0s\"}", 400));
    String many =
        "["
            + String.join(
                ",",
                java.util.Collections.nCopies(
                    1001, "{\"task\":\"later\",\"lease\":\"x\",\"outcome\":\"release\"}"))
            + "]";
    for (String body :
        List.of(
            "{\"settlements\":{}}",
            "{\"settlements\":" + many + "}",
            "{\"settlements\":[7]}",
            "{\"settlements\":[{\"task\":\"later\",\"lease\":\"x\",\"outcome\":\"maybe\"}]}",
            "{\"settlements\":[{\"task\":\"later\",\"outcome\":\"ack\"}]}",
            "{\"settlements\":[{\"task\":\"later\",\"lease\":\"x\",\"outcome\":\"fail\"}]}")) {
      cases.add(Case.json("POST /api/v1/workers/ghost/settle", body, 400));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One request: the route as "METHOD /path", its headers and body, and the statuses it may get.
   */
  private record Case(
      String method, String path, Map<String, String> headers, byte[] body, Set<Integer> statuses) {
    static Case json(String route, String body, Integer... statuses) {
      return raw(route, Map.of("Content-Type", JSON), bytes(body), statuses);
    }

    static Case raw(String route, Map<String, String> headers, byte[] body, Integer... statuses) {
      int space = route.indexOf(' ');
      return new Case(
          route.substring(0, space),
          route.substring(space + 1),
          new LinkedHashMap<>(headers),
          body,
          Set.of(statuses));
    }

    @Override
    public String toString() {
      String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      text = text.length() > 80 ? text.substring(0, 80) + "… (" + body.length + " bytes)" : text;
      String shownPath = path.length() > 80 ? path.substring(0, 80) + "…" : path;
      return method
          + " "
          + shownPath
          + (headers.isEmpty() ? "" : " " + headers)
          + (text.isEmpty() ? "" : " " + text);
    }
  }
}
