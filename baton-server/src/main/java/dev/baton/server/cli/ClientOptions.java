package dev.baton.server.cli;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonServer;
import dev.baton.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What the client commands share: where the server is, its token, {@code --json}, and the HTTP call
 * whose failures become exit codes (1 error, 3 not found).
 */
final class ClientOptions {
  static final int NOT_FOUND = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--url",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:BATON_URL:-http://127.0.0.1:8080}",
      description = "The server (env BATON_URL; default http://127.0.0.1:8080).")
  String url;

  @Option(
      names = "--token",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "TOKEN",
      defaultValue = "${env:BATON_TOKEN}",
      description =
          "Bearer token, when the server needs one (env BATON_TOKEN, which other users cannot see in the"
              + " process list as they can this flag).")
  String token;

  @Option(
      names = "--token-file",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:BATON_TOKEN_FILE}",
      description =
          "File holding the Bearer token (env BATON_TOKEN_FILE); wins over --token and BATON_TOKEN.")
  Path tokenFile;

  @Option(
      names = "--backend",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "URL",
      description = "Work on a backend directly (e.g. sqlite:data/baton.db) instead of a server.")
  String backend;

  @Option(
      names = "--config",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "With --backend: the YAML config `baton worker` reads (default: ./baton.yaml when present), so that"
              + " shell.allow and plugins.dir register the same task types here.")
  Path config;

  @Option(
      names = "--plugins",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "With --backend: folder of plugin jars (key plugins.dir; default ./plugins).")
  String plugins;

  @Option(
      names = "--json",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print the server's JSON answer instead of text.")
  boolean json;

  JsonNode call(String method, String path, Object body) {
    if (backend == null) {
      return call(url, tokenFile == null ? token : readToken(tokenFile), method, path, body);
    }
    // Direct mode runs the same API in-process on loopback, so answers and exit codes match the
    // server's exactly; no workers and no scheduler, so nothing runs here. Its start and stop
    // lines would only clutter a script's stderr.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.baton")).setLevel(Level.WARN);
    // The task types come from the configuration a worker on this backend reads (config file,
    // BATON_* variables), so that an enqueue here accepts and refuses what the worker would run.
    ServerOptions worker = new ServerOptions();
    worker.config = config;
    worker.backend = backend;
    worker.plugins = plugins;
    ServerConfig settings = worker.load();
    ServerConfig config =
        settings.toBuilder()
            .host("127.0.0.1")
            .port(0)
            .token(UUID.randomUUID().toString())
            .workers(1)
            .shutdownGrace(Duration.ZERO)
            .metrics(false)
            .queues(List.of())
            .build();
    try (BatonServer local =
        BatonServer.start(
            config,
            true,
            false,
            b ->
                b.workers(0)
                    .runScheduler(false)
                    .retention(settings.retention())
                    .purgePeriod(settings.purgePeriod()))) {
      return call(local.url(), config.token(), method, path, body);
    }
  }

  private JsonNode call(String url, String token, String method, String path, Object body) {
    String text;
    try {
      text = body == null ? null : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new Failure(1, "cannot write the request: " + e.getMessage());
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/api/v1" + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                text == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newHttpClient()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Failure(
          1,
          "cannot reach the server at "
              + url
              + " (is `baton server` running? set --url or BATON_URL)");
    } catch (IOException e) {
      throw new Failure(1, "request to " + url + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(1, "interrupted");
    }
    JsonNode answer = parse(response.body());
    int status = response.statusCode();
    if (status >= 400) {
      String detail =
          answer != null && answer.has("detail") ? answer.get("detail").asText() : response.body();
      throw new Failure(status == 404 ? NOT_FOUND : 1, detail + " (HTTP " + status + ")");
    }
    return answer;
  }

  private static String readToken(Path file) {
    try {
      String text = Files.readString(file).strip();
      if (text.isEmpty()) {
        throw new Failure(1, "the token file " + file + " is empty");
      }
      return text;
    } catch (IOException e) {
      throw new Failure(1, "cannot read the token file " + file + ": " + e.getMessage());
    }
  }

  /** Prints the JSON answer with --json, else the text. */
  void print(PrintWriter out, JsonNode answer, String text) {
    if (json) {
      try {
        out.println(
            answer == null
                ? "{}"
                : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      } catch (IOException e) {
        throw new Failure(1, e.getMessage());
      }
    } else {
      out.println(text);
    }
    out.flush();
  }

  static JsonNode parseArgument(CommandLine cli, String name, String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          cli, name + " must be JSON but was '" + text + "': " + e.getMessage());
    }
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** A failed call with the exit code scripts see. */
  static final class Failure extends RuntimeException implements CommandLine.IExitCodeGenerator {
    private final int exitCode;

    Failure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    @Override
    public int getExitCode() {
      return exitCode;
    }
  }
}
