package dev.baton.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;

/**
 * Just enough of the W3C WebDriver protocol over java.net.http to drive Debian's chromedriver and
 * headless Chromium: no Selenium and its dependency tree.
 */
final class WebDriver implements AutoCloseable {
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final HttpClient http = HttpClient.newHttpClient();
  private final Process driver;
  private final String base;
  private final String session;

  WebDriver() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    driver =
        new ProcessBuilder(DRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String url = "http://127.0.0.1:" + port;
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> send("GET", url + "/status", null).path("value").path("ready").asBoolean());
    ObjectNode caps = TestServer.JSON.createObjectNode();
    ObjectNode chrome =
        caps.putObject("capabilities")
            .putObject("alwaysMatch")
            .put("browserName", "chrome")
            .putObject("goog:chromeOptions")
            .put("binary", BROWSER.toString());
    chrome
        .putArray("args")
        .add("--headless=new")
        .add("--no-sandbox")
        .add("--disable-gpu")
        .add("--window-size=1400,1100");
    session = send("POST", url + "/session", caps).path("value").path("sessionId").asText();
    base = url + "/session/" + session;
  }

  void open(String url) {
    send("POST", base + "/url", TestServer.JSON.createObjectNode().put("url", url));
  }

  String text(String css) {
    return send("GET", base + "/element/" + find(css) + "/text", null).path("value").asText();
  }

  /**
   * Clicks the element. The dashboard re-renders its tables from live events, so the element found
   * can be replaced before the click reaches it; the driver then answers "stale element reference"
   * and the click is found again. Any other error fails the test instead of losing the click.
   */
  void click(String css) {
    for (int attempt = 1; ; attempt++) {
      JsonNode error =
          send(
                  "POST",
                  base + "/element/" + find(css) + "/click",
                  TestServer.JSON.createObjectNode())
              .path("value")
              .path("error");
      if (error.isMissingNode() || error.isNull()) {
        return;
      }
      if (!"stale element reference".equals(error.asText()) || attempt == 10) {
        throw new AssertionError("click on " + css + " failed: " + error.asText());
      }
    }
  }

  /** Runs a script in the page, such as scrolling an element into view before a screenshot. */
  void script(String js) {
    ObjectNode body = TestServer.JSON.createObjectNode().put("script", js);
    body.putArray("args");
    send("POST", base + "/execute/sync", body);
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        Base64.getDecoder().decode(send("GET", base + "/screenshot", null).path("value").asText()));
  }

  private String find(String css) {
    JsonNode found =
        send(
            "POST",
            base + "/element",
            TestServer.JSON.createObjectNode().put("using", "css selector").put("value", css));
    if (!found.path("value").has(ELEMENT)) {
      throw new AssertionError("no element " + css + ": " + found);
    }
    return found.path("value").path(ELEMENT).asText();
  }

  private JsonNode send(String method, String url, JsonNode body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()))
              .header("Content-Type", "application/json")
              .build();
      return TestServer.JSON.readTree(
          http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        send("DELETE", base, null);
      }
    } finally {
      driver.destroy();
    }
  }
}
