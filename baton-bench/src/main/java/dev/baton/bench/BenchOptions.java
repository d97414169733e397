package dev.baton.bench;

import java.time.Duration;

/**
 * What one load-tool run is asked to do, as read from the command line.
 *
 * @param backend the backend URL
 * @param workers handlers that run at once
 * @param claimBatch most tasks per claim
 * @param tasks tasks per throughput workload (drain, live) and for the heap check
 * @param warmup tasks (drain, live) or samples (idle) run first and left out of the figures
 * @param producers threads that enqueue at once in the live workload
 * @param batch tasks per {@code enqueueAll} call
 * @param window most tasks enqueued but not yet started in the live workload
 * @param samples idle workload samples
 * @param delayedSamples delayed workload samples
 * @param delay the delayed workload's delay
 * @param burst tasks due at one instant in the burst workload
 * @param lead how far ahead of now the burst is due, to leave time to enqueue it
 * @param timeout the longest any one wait may take before the run gives up
 * @param clear delete every task in the backend before each workload
 */
public record BenchOptions(
    String backend,
    int workers,
    int claimBatch,
    int tasks,
    int warmup,
    int producers,
    int batch,
    int window,
    int samples,
    int delayedSamples,
    Duration delay,
    int burst,
    Duration lead,
    Duration timeout,
    boolean clear) {

  /**
   * The URL scheme with its colon, such as {@code memory:} or {@code sqlite:}.
   *
   * @return the scheme
   */
  public String scheme() {
    int colon = backend.indexOf(':');
    if (backend.startsWith("jdbc:")) {
      colon = backend.indexOf(':', 5);
    }
    return colon < 0 ? backend : backend.substring(0, colon + 1);
  }

  /**
   * The backend's durability mode, named next to every figure.
   *
   * @return a short description
   */
  public String durability() {
    return switch (scheme()) {
      case "memory:" -> "none (in memory)";
      case "sqlite:" -> "WAL, synchronous=NORMAL";
      case "amqp:", "amqps:" ->
          "RabbitMQ durable queues, persistent messages, publisher confirms;"
              + " state store "
              + (backend.contains("state=sqlite:")
                  ? "SQLite WAL, synchronous=NORMAL"
                  : "as configured by its URL");
      case "redis:", "rediss:", "redis-sentinel:", "redis-cluster:" ->
          RedisReference.durability(backend);
      case "jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:" -> ServerDurability.of(backend);
      default -> "as configured by the URL";
    };
  }
}
