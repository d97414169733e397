package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonServer;
import dev.baton.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A server on memory: and port 0, and a real HTTP client that talks to it. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final BatonServer server;
  final HttpClient client = HttpClient.newHttpClient();
  String token;

  TestServer(String token, int maxBodyBytes) {
    this(token, maxBodyBytes, java.util.List.of("echo"));
  }

  TestServer(String token, int maxBodyBytes, java.util.List<String> shellAllow) {
    this(
        ServerConfig.builder()
            .backend("memory:")
            .port(0)
            .token(token)
            .maxBodyBytes(maxBodyBytes)
            .workers(4)
            .shutdownGrace(Duration.ofSeconds(5))
            .queues(java.util.List.of("default", "later"))
            .shellAllow(shellAllow)
            .build());
  }

  TestServer(ServerConfig config) {
    this.server = BatonServer.start(config, true, UnaryOperator.identity());
    this.token = config.token();
  }

  TestServer() {
    this(null, ApiSettings.DEFAULT_MAX_BODY_BYTES);
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body);
  }

  Response put(String path, String body) {
    return send("PUT", path, body);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  Response send(String method, String path, String body) {
    return send(
        method,
        path,
        body,
        body == null ? new String[0] : new String[] {"Content-Type", "application/json"});
  }

  /** Sends with the given headers (name, value, name, value...) and the token, if any. */
  Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (token != null
        && java.util.Arrays.stream(headers).noneMatch("Authorization"::equalsIgnoreCase)) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Response reply =
          new Response(
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(""),
              response.body());
      OpenApiCheck.verify(method, path, reply);
      return reply;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  record Response(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }
}
