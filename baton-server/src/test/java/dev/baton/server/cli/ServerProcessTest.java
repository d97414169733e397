package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `baton server` as a real process: zero-config SQLite in ./data, SIGTERM lets a running task
 * finish.
 */
class ServerProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void sigterm_lets_the_running_task_finish_before_the_process_exits() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BatonCommand.class.getName(),
                "server",
                "--port",
                "0")
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr.log").toFile());
    builder.environment().put("BATON_TASKS_SHELL_ENABLED", "true");
    builder
        .environment()
        .put(
            "BATON_TASKS_SHELL_ALLOW",
            "[{\"command\":\"sleep\",\"args\":[\"{seconds}\"],\"params\":{\"seconds\":\"[0-9]{1,2}\"}}]");
    Process server = builder.start();
    String id;
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      StringBuilder banner = new StringBuilder();
      for (String line; url == null && (line = out.readLine()) != null; ) {
        banner.append(line).append('\n');
        Matcher m = Pattern.compile("REST API: +(http://\\S+)/api/v1").matcher(line);
        url = m.find() ? m.group(1) : null;
      }
      assertThat(url).as("the printed URL").isNotNull();
      // With no configuration the server listens on loopback only, and says so.
      assertThat(banner.toString()).containsPattern("Listening on 127\\.0\\.0\\.1:\\d+, no token");
      assertThat(url).startsWith("http://127.0.0.1:");
      assertThat(dir.resolve("data/baton.db")).exists();

      id =
          post(
                  url + "/api/v1/tasks",
                  "{\"type\":\"shell\",\"payload\":{\"command\":\"sleep\",\"params\":{\"seconds\":\"2\"}}}")
              .get("id")
              .asText();
      String base = url;
      String task = base + "/api/v1/tasks/" + id;
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> get(task).get("status").asText().equals("RUNNING"));

      server.destroy(); // SIGTERM
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      server.destroyForcibly();
    }
    // Read the task back through the CLI's direct mode on the same SQLite file.
    var cli = BatonCommand.commandLine();
    var text = new StringWriter();
    cli.setOut(new PrintWriter(text, true));
    String backend = "sqlite:" + dir.resolve("data/baton.db");
    assertThat(cli.execute("status", id, "--backend", backend, "--json")).isZero();
    assertThat(JSON.readTree(text.toString()).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  private JsonNode post(String url, String body) throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private JsonNode get(String url) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }
}
