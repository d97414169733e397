package dev.baton.server.api;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Baton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server in front of a Baton instance: the REST API under {@code /api/v1} (with the worker
 * protocol under {@code /api/v1/workers}), the dashboard at {@code /dashboard/} and, when given,
 * metrics. Requests run on virtual threads, so a long-polling fetch holds no platform thread.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.start(baton, ApiSettings.onPort(8080))) {
 *   System.out.println(server.url());
 * }
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer http;
  private final ExecutorService executor;
  private final AtomicBoolean closing;
  private final RemoteWorkers workers;

  private ApiServer(
      HttpServer http, ExecutorService executor, AtomicBoolean closing, RemoteWorkers workers) {
    this.http = http;
    this.executor = executor;
    this.closing = closing;
    this.workers = workers;
  }

  static {
    // The JDK's server writes a response's headers and its body in two writes. With Nagle's
    // algorithm on, the body waits for the client's ACK of the headers, which Linux delays by up to
    // 40 ms: every call on a kept-alive connection took that long (a remote worker's fetch and
    // settle loop was capped near 2,000 tasks/s however large its batches). Read once, when the
    // JDK's server first loads; a setting given on the command line wins.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /**
   * Binds the port and starts serving. A non-loopback address with no token is allowed only when
   * {@link ApiSettings#allowUnauthenticatedRemote()} says so, and then logs a warning.
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
      Baton baton,
      ApiSettings settings,
      MetricsSource metrics,
      LivenessCheck liveness,
      LatencySource latency) {
    AtomicBoolean closing = new AtomicBoolean();
    RemoteWorkers workers = new RemoteWorkers(baton, settings.workers(), closing::get);
    List<Route> routes = routes(baton, metrics, liveness, closing::get, latency, workers);
    if (settings.token() == null && !ApiSettings.address(settings.host()).isLoopbackAddress()) {
      log.warn(
          "INSECURE: listening on {} with no token (server.allow-unauthenticated-remote): anyone who reaches"
              + " this port can enqueue, cancel and run tasks unless a proxy in front authenticates every request",
          settings.host());
    }
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    http.setExecutor(executor);
    http.createContext("/", new Dispatcher(routes, settings));
    http.start();
    return new ApiServer(http, executor, closing, workers);
  }

  // The route table, on its own so that OpenApiTest holds openapi.yaml to what the server
  // registers.
  static List<Route> routes(
      Baton baton,
      MetricsSource metrics,
      LivenessCheck liveness,
      BooleanSupplier closing,
      LatencySource latency) {
    return routes(
        baton,
        metrics,
        liveness,
        closing,
        latency,
        new RemoteWorkers(baton, WorkerProtocol.defaults(), closing));
  }

  private static List<Route> routes(
      Baton baton,
      MetricsSource metrics,
      LivenessCheck liveness,
      BooleanSupplier closing,
      LatencySource latency,
      RemoteWorkers workers) {
    List<Route> routes = new ArrayList<>();
    TaskRoutes.add(routes, baton, workers);
    WorkerRoutes.add(routes, baton, workers);
    ScheduleRoutes.add(routes, baton);
    KvRoutes.add(routes, baton);
    SystemRoutes.add(routes, baton, metrics, liveness, workers);
    DashboardRoutes.add(routes, baton, closing, latency);
    return List.copyOf(routes);
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
   * The address and port the server is bound to, such as {@code 127.0.0.1:8080} or {@code
   * 0.0.0.0:8080} (every interface).
   *
   * @return the bound address
   */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /**
   * The base URL on the bound address, for printing and for clients on this machine: {@code
   * http://127.0.0.1:PORT}. When bound to every interface, the loopback address stands in.
   *
   * @return the URL
   */
  public String url() {
    InetAddress bound = address().getAddress();
    if (bound.isAnyLocalAddress()) {
      bound = bound instanceof Inet6Address ? InetAddress.getLoopbackAddress() : loopback4();
    }
    return "http://" + literal(bound) + ":" + port();
  }

  /**
   * An address as it stands in a URL: IPv6 in brackets, without a zone.
   *
   * @param address the address
   * @return the literal
   */
  static String literal(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    text = zone < 0 ? text : text.substring(0, zone);
    return address instanceof Inet6Address ? "[" + text + "]" : text;
  }

  private static InetAddress loopback4() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Tells remote workers to go quiet and gives them the drain grace to settle what they hold, then
   * stops accepting requests, gives those in flight a second to finish and releases the tasks
   * remote workers still hold.
   */
  @Override
  public void close() {
    closing.set(true);
    try {
      workers.drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.stop(1);
    // Long polls still waiting would hold the close up to their full wait: cut them short.
    executor.shutdownNow();
    executor.close();
    workers.close();
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
