package dev.baton.bench;

import dev.baton.server.api.ApiServer;
import dev.baton.server.api.ApiSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The REST workload: a real API server in this process, on the chosen backend, and clients that
 * enqueue one task per {@code POST /api/v1/tasks}, each waiting for its answer before the next:
 * first one client, then {@code --producers} at once. No workers run, so the figures are the
 * enqueue path alone, HTTP included: tasks/s and each request's latency as its client sees it.
 */
final class Rest {
  /** Issue 17's numbers for REST single enqueue. */
  static final double ONE_CLIENT_TARGET = 5_000;

  static final double MANY_CLIENTS_TARGET = 15_000;

  private Rest() {}

  /** The HTTP client each client thread uses; both keep one connection alive per thread. */
  enum Client {
    /**
     * {@link HttpClient}, one per thread and HTTP/1.1 only: a client waiting for each answer never
     * needs a second connection, so each thread keeps exactly one for the whole phase. It writes a
     * small request's headers and body together.
     */
    HTTP_CLIENT,
    /**
     * {@link HttpURLConnection} in fixed-length streaming mode, as many Java clients post. Before
     * it sends a streamed POST on a kept-alive connection, the JDK probes that connection with a
     * read of 1 ms timeout (to tell whether the server closed it, since such a request cannot be
     * retried): about 1 ms of each request is that probe, client side. Idle connections go back to
     * the JDK's keep-alive cache, shared by the threads, which keeps {@code http.maxConnections}
     * per server (5 unless set); the workload raises that to the client count so that none is
     * dropped.
     */
    URL_CONNECTION;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Client named(String name) {
      for (Client c : values()) {
        if (c.label().equals(name)) {
          return c;
        }
      }
      return null;
    }
  }

  static Report run(BenchOptions options, Client client) {
    int perPhase = options.tasks();
    int warmup = options.warmup();
    int clients = options.producers();
    if (client == Client.URL_CONNECTION && System.getProperty("http.maxConnections") == null) {
      // Read once, when the keep-alive cache is first used: this run's first request.
      System.setProperty("http.maxConnections", Integer.toString(Math.max(5, clients)));
    }
    try (Rig rig = new Rig(options, "rest", 1);
        ApiServer server = ApiServer.start(rig.producer(), ApiSettings.onPort(0))) {
      URI uri = URI.create(server.url() + "/api/v1/tasks");
      String type = rig.type().name();
      // Warm-up: the JIT compiles the server's path and the clients', at the larger thread count.
      phase(uri, type, client, Math.max(1, Math.min(clients, warmup)), warmup, 0);
      Phase one = phase(uri, type, client, 1, perPhase, warmup);
      Phase many = phase(uri, type, client, clients, perPhase, warmup + perPhase);
      // No workers run: the context line says so rather than the unused --workers default.
      BenchOptions shown =
          new BenchOptions(
              options.backend(),
              0,
              0,
              options.tasks(),
              options.warmup(),
              options.producers(),
              1,
              options.window(),
              options.samples(),
              options.delayedSamples(),
              options.delay(),
              options.burst(),
              options.lead(),
              options.timeout(),
              options.clear());
      Report report =
          new Report("rest", shown)
              .figure("tasks per phase", perPhase, "tasks")
              .figure("warm-up", warmup, "tasks");
      one.add(report, "1 client");
      many.add(report, clients + " clients");
      report.headline(
          String.format(
              "%,.0f tasks/s from 1 client (p99 %.3f ms), %,.0f from %d",
              one.rate(), one.latency().percentile(99) / 1e6, many.rate(), clients));
      // One verdict for both phases: a report holds one target.
      report.target(
          String.format(
              "1 client >= %,.0f and %d clients >= %,.0f tasks/s (issue 17)",
              ONE_CLIENT_TARGET, clients, MANY_CLIENTS_TARGET),
          one.rate() >= ONE_CLIENT_TARGET && many.rate() >= MANY_CLIENTS_TARGET);
      report.note(
          "one POST /api/v1/tasks per task, no workers; client "
              + client.label()
              + ", one keep-alive HTTP/1.1 connection per client thread, in this process with the"
              + " server on "
              + server.url());
      return report;
    }
  }

  /** One phase's measurement: how long it took and each request's latency. */
  record Phase(int tasks, long nanos, Latencies.Summary latency) {
    double rate() {
      return tasks / (nanos / 1e9);
    }

    void add(Report report, String label) {
      report.figure(label + " throughput", rate(), "tasks/s");
      report.latency(label + " request", latency);
    }
  }

  /**
   * Sends {@code tasks} requests from {@code clients} threads, each taking the next number until
   * none is left; numbers start at {@code first} so that no two tasks of a run carry the same one.
   */
  private static Phase phase(
      URI uri, String type, Client client, int clients, int tasks, int first) {
    Latencies latencies = new Latencies(tasks);
    if (tasks == 0) {
      return new Phase(0, 1, latencies.summary(0, 0));
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    long nanos;
    try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        running.add(
            threads.submit(
                () -> {
                  send(uri, type, client, tasks, first, next, latencies);
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      nanos = System.nanoTime() - start;
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "a REST client failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while enqueueing over REST", e);
    }
    return new Phase(tasks, nanos, latencies.summary(0, tasks));
  }

  private static void send(
      URI uri,
      String type,
      Client client,
      int tasks,
      int first,
      AtomicInteger next,
      Latencies latencies)
      throws IOException, InterruptedException {
    try (HttpClient http =
        client == Client.HTTP_CLIENT
            ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            : null) {
      for (int n = next.getAndIncrement(); n < tasks; n = next.getAndIncrement()) {
        byte[] body =
            ("{\"type\":\""
                    + type
                    + "\",\"payload\":{\"n\":"
                    + (first + n)
                    + ",\"stamp\":"
                    + System.nanoTime()
                    + "}}")
                .getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        if (http != null) {
          post(http, uri, body);
        } else {
          post(uri.toURL(), body);
        }
        latencies.record(n, System.nanoTime() - sent);
      }
    }
  }

  private static void post(HttpClient http, URI uri, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    check(uri.toString(), response.statusCode(), response.body());
  }

  private static void post(URL url, byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    // Read to the end and closed, not disconnected: that hands the connection back for reuse.
    try (InputStream in =
        status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      check(url.toString(), status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void check(String url, int status, String answer) {
    if (status != 201) {
      throw new IllegalStateException("POST " + url + " answered " + status + ": " + answer);
    }
  }
}
