package dev.baton.server.api;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP server in front of a Baton instance: the REST API under {@code /api/v1}, the dashboard
 * at {@code /dashboard/} and, when given, metrics. Requests run on virtual threads.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.start(baton, ApiSettings.onPort(8080))) {
 *   System.out.println(server.url());
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
  private final HttpServer http;
  private final ExecutorService executor;
  private final AtomicBoolean closing;

  private ApiServer(HttpServer http, ExecutorService executor, AtomicBoolean closing) {
    this.http = http;
    this.executor = executor;
    this.closing = closing;
  }

  /**
   * Binds the port and starts serving.
   *
   * @param baton the instance the API drives
   * @param settings host, port, token and body limit
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static ApiServer start(Baton baton, ApiSettings settings) {
    return start(baton, settings, null, () -> null);
  }

  /**
   * Binds the port and starts serving, with a text endpoint at {@code /metrics} and a liveness
   * check.
   *
   * @param baton the instance the API drives
   * @param settings host, port, token and body limit
   * @param metrics what {@code GET /metrics} answers (Prometheus text), or null for no endpoint
   * @param liveness what {@code GET /api/v1/health/live} asks
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static ApiServer start(
      Baton baton, ApiSettings settings, MetricsSource metrics, LivenessCheck liveness) {
    return start(baton, settings, metrics, liveness, () -> new Latency(0, 0, 0, 0));
  }

  /**
   * Binds the port and starts serving, with metrics, a liveness check, and the start latency that
   * the dashboard charts from {@code /api/v1/events}.
   *
   * @param baton the instance the API drives
   * @param settings host, port, token and body limit
   * @param metrics what {@code GET /metrics} answers (Prometheus text), or null for no endpoint
   * @param liveness what {@code GET /api/v1/health/live} asks
   * @param latency the enqueue-to-start latency of the last whole second
   * @return the running server
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static ApiServer start(
      Baton baton, ApiSettings settings, MetricsSource metrics, LivenessCheck liveness, LatencySource latency) {
    List<Route> routes = new ArrayList<>();
    TaskRoutes.add(routes, baton);
    ScheduleRoutes.add(routes, baton);
    KvRoutes.add(routes, baton);
    SystemRoutes.add(routes, baton, metrics, liveness);
    AtomicBoolean closing = new AtomicBoolean();
    DashboardRoutes.add(routes, baton, closing::get, latency);
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    http.createContext("/", new Dispatcher(List.copyOf(routes), settings));
    http.start();
    return new ApiServer(http, executor, closing);
  }

  /**
   * The port the server listens on (the chosen one when started on port 0).
   *
   * @return the port
   */
  public int port() {
    return http.getAddress().getPort();
  }

  /**
   * The base URL, for printing and for clients: {@code http://localhost:PORT}.
   *
   * @return the URL
   */
  public String url() {
    return "http://localhost:" + port();
  }

  /** Stops accepting requests and gives those in flight a second to finish. */
  @Override
  public void close() {
    closing.set(true);
    http.stop(1);
    executor.close();
  }

  /** Whether the node works: the liveness probe answers 503 with the reason when it does not. */
  @FunctionalInterface
  public interface LivenessCheck {
    /**
     * Checks the node now.
     *
     * @return null when live, else why not
     */
    String problem();
  }

  /**
   * Enqueue-to-start latency over one second: from a task's due time to the start of its run.
   *
   * @param count runs started in that second
   * @param p50Millis the median, in milliseconds
   * @param p99Millis the 99th percentile, in milliseconds
   * @param maxMillis the largest, in milliseconds
   */
  public record Latency(long count, double p50Millis, double p99Millis, double maxMillis) {}

  /** Where the event stream reads the start latency of the last whole second. */
  @FunctionalInterface
  public interface LatencySource {
    /**
     * The latency of the runs this node started in the last whole second.
     *
     * @return the latency; zeros when nothing started
     */
    Latency lastSecond();
  }

  /** What the {@code /metrics} endpoint answers. */
  @FunctionalInterface
  public interface MetricsSource {
    /**
     * The metrics now, as Prometheus text exposition.
     *
     * @return the text
     */
    String scrape();
  }
}
