package dev.baton.bench.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * BullMQ on the same Redis, the peer of Baton's Redis backend. BullMQ is a Node library, so the
 * shape runs in a Node program of the bench module ({@code baton-bench/peers/bullmq/bench.mjs},
 * installed by {@code ./scripts/peers install}) with the same phases, counts and definitions as
 * {@link InProcess}, and prints its figures as one JSON line that this class reads.
 */
final class BullmqContender implements Contender {
  static final Path SCRIPT = Path.of("baton-bench", "peers", "bullmq", "bench.mjs");
  private final String redisUrl;
  private final int workers;
  private String version = "";
  private String settings = "";

  BullmqContender(String redisUrl, int workers) {
    this.redisUrl = redisUrl;
    this.workers = workers;
  }

  @Override
  public String name() {
    return version.isEmpty() ? "BullMQ" : "BullMQ " + version;
  }

  @Override
  public String settings() {
    return settings.isEmpty() ? "one Worker, concurrency " + workers : settings;
  }

  /**
   * The script, looked for from the working folder upwards (the {@code baton} command runs from the
   * repository's root).
   */
  static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SCRIPT);
      if (Files.isRegularFile(candidate)
          && Files.isDirectory(candidate.resolveSibling("node_modules"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the BullMQ peer is not installed: run ./scripts/peers install"
            + " from the repository's root (it needs Node.js and npm), or pass --peer none");
  }

  @Override
  public Results measure(ShapeOptions options, PrintWriter progress) throws Exception {
    Path script = script();
    List<String> command =
        List.of(
            "node",
            script.toString(),
            "--redis",
            redisUrl,
            "--tasks",
            Integer.toString(options.tasks()),
            "--workers",
            Integer.toString(workers),
            "--producers",
            Integer.toString(options.producers()),
            "--idle-tasks",
            Integer.toString(options.idleTasks()),
            "--idle-rate",
            Integer.toString(options.idleRate()),
            "--idle-warmup",
            Integer.toString(options.idleWarmup()),
            "--burst",
            Integer.toString(options.burst()),
            "--warmup-ms",
            Long.toString(options.warmupTime().toMillis()),
            // Its enqueue rate is not known before it runs: a lead that fits 10,000 adds at
            // 2,500/s.
            "--lead-ms",
            Long.toString(Math.max(options.lead().toMillis(), 500 + options.burst() * 4L / 10)),
            "--prefix",
            "bench-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()),
            "--timeout-ms",
            Long.toString(options.timeout().toMillis()));
    progress.printf("  %s: node %s (all phases)...%n", name(), SCRIPT);
    progress.flush();
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(options.timeout().toMillis() * 8, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the BullMQ peer did not finish in time");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "the BullMQ peer failed (exit " + process.exitValue() + "); its error is printed above");
    }
    return parse(out);
  }

  /** Reads the program's one JSON line (the last line of its output). */
  Results parse(String out) throws IOException {
    String[] lines = out.strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    version = json.path("version").asText();
    settings =
        "BullMQ "
            + version
            + " on Node "
            + json.path("node").asText()
            + ", "
            + json.path("settings").asText();
    Results results =
        new Results()
            .put(Metric.ENQUEUE_1, json.path("enqueue1").asDouble(Double.NaN))
            .put(Metric.DRAIN, json.path("drain").asDouble(Double.NaN))
            .put(Metric.ENQUEUE_N, json.path("enqueue32").asDouble(Double.NaN))
            .put(Metric.LIVE_1, json.path("live1").asDouble(Double.NaN))
            .put(Metric.LIVE_N, json.path("live32").asDouble(Double.NaN));
    JsonNode idle = json.path("idle");
    results
        .put(Metric.IDLE_P50, idle.path("p50").asDouble(Double.NaN))
        .put(Metric.IDLE_P99, idle.path("p99").asDouble(Double.NaN))
        .put(Metric.IDLE_MAX, idle.path("max").asDouble(Double.NaN));
    JsonNode burst = json.path("burst");
    results
        .put(Metric.BURST_FIRST, burst.path("first").asDouble(Double.NaN))
        .put(Metric.BURST_P50, burst.path("p50").asDouble(Double.NaN))
        .put(Metric.BURST_P99, burst.path("p99").asDouble(Double.NaN))
        .put(Metric.BURST_LAST, burst.path("last").asDouble(Double.NaN))
        .put(Metric.BURST_EARLY, burst.path("early").asDouble(Double.NaN));
    double spare = burst.path("enqueuedBeforeDueMs").asDouble(0);
    if (spare < 0) {
      results.note(
          String.format(
              "burst: the enqueues ended %.0f ms after the due instant;"
                  + " its first starts count that delay",
              -spare));
    }
    return results;
  }
}
