package dev.baton.store.rabbitmq;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RabbitMQ test broker that {@code ./scripts/services start rabbitmq} runs, and a vhost per
 * test class made through its management API by {@link RabbitTest}'s extension and deleted after. A
 * broker that does not answer fails the test class, naming the command that starts it.
 */
final class Broker {
  static final int PORT = port("BATON_RABBITMQ_PORT", 55672);
  private static final String API = "http://127.0.0.1:" + (PORT + 2) + "/api/";
  private static final String AUTH =
      "Basic " + Base64.getEncoder().encodeToString("baton:baton".getBytes(StandardCharsets.UTF_8));
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final Map<Class<?>, String> VHOSTS = new ConcurrentHashMap<>();

  private Broker() {}

  private static int port(String variable, int fallback) {
    String value = System.getenv(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
  }

  static void create(Class<?> testClass) {
    String vhost =
        "t_"
            + nestedName(testClass).toLowerCase()
            + "_"
            + UUID.randomUUID().toString().substring(0, 8);
    call("PUT", "vhosts/" + encode(vhost), "{}");
    call(
        "PUT",
        "permissions/" + encode(vhost) + "/baton",
        "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    VHOSTS.put(testClass, vhost);
  }

  /** The class's name inside its package, {@code Outer_Nested} for a nested class. */
  static String nestedName(Class<?> testClass) {
    return testClass.getName().substring(testClass.getPackageName().length() + 1).replace('$', '_');
  }

  static void drop(Class<?> testClass) {
    String vhost = VHOSTS.remove(testClass);
    if (vhost != null) {
      call("DELETE", "vhosts/" + encode(vhost), null);
    }
  }

  /** The AMQP URL of the test class's vhost, before its query. */
  static String amqp(Class<?> testClass) {
    String vhost = VHOSTS.get(testClass);
    if (vhost == null) {
      throw new IllegalStateException(
          testClass.getName() + " has no vhost: annotate it with @RabbitTest");
    }
    return "amqp://baton:baton@127.0.0.1:" + PORT + "/" + encode(vhost);
  }

  /** Opens a RabbitMQ store on the test class's vhost over the given state store URL. */
  static TaskStore open(Class<?> testClass, String stateUrl, InstantSource clock) {
    return StoreProviders.open(amqp(testClass) + "?state=" + stateUrl, new StoreContext(clock));
  }

  /** Messages waiting in a queue of the test class's vhost (the management API's view). */
  static String queue(Class<?> testClass, String queue) {
    return call("GET", "queues/" + encode(VHOSTS.get(testClass)) + "/" + encode(queue), null);
  }

  /** How many consumers a queue of the test class's vhost has. */
  static int consumers(Class<?> testClass, String queue) {
    String json = queue(testClass, queue);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"consumers\":(\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String call(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(API + path))
            .header("Authorization", AUTH)
            .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            "RabbitMQ management API: "
                + method
                + " "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(
          "RabbitMQ is not reachable at 127.0.0.1:"
              + PORT
              + " (management "
              + API
              + ": "
              + e
              + "). Start the test servers with ./scripts/services start",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
