package dev.baton.bench;

import dev.baton.bench.shape.ShapeOptions;
import dev.baton.bench.shape.ShapeWorkload;
import dev.baton.server.cli.DurationConverter;
import dev.baton.server.cli.OneLineErrors;
import dev.baton.spi.StoreProviders;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Baton's end-to-end load tool ({@code ./baton bench}): runs a workload against a backend and
 * prints what it measured, each figure with the backend, its durability mode, the worker count, the
 * JDK and the cores. Runs are bounded: each stops by itself.
 */
@Command(
    name = "baton bench",
    mixinStandardHelpOptions = true,
    version = "baton bench (Baton's load tool)",
    sortOptions = false,
    description = {
      "Measures Baton end to end on one backend. Workloads:",
      "  drain    N tasks queued first, then drained by the workers: tasks/s",
      "  live     producers and workers together: tasks/s, enqueue-to-start",
      "  idle     one task at a time, idle instance: enqueue-to-start",
      "  idle-remote  as idle, but enqueued by another instance on its own store: the",
      "           cross-node path (LISTEN/NOTIFY, pub/sub, deliveries); not on memory:",
      "  delayed  a lone delayed task, repeated: lateness, early starts",
      "  scheduled  a lone one-off schedule, repeated: lateness, early starts",
      "  burst    10,000 tasks due at one instant: time until the last started",
      "  heap     N queued tasks on memory:, no workers: heap used after GC",
      "  counts   N queued tasks (default 1,000,000), no workers: time of counts()",
      "  rest     one task per POST /api/v1/tasks to a server in this process, keep-alive, from",
      "           1 client then --producers (default 16): tasks/s, request p50/p99",
      "  peers    Baton, db-scheduler and JobRunr on the same PostgreSQL: drain and idle, ratios",
      "  single   the single-task shape: one enqueue call per task (1 and --producers threads),",
      "           10 workers; enqueue, drain, live, idle at a fixed rate, burst; Baton beside the",
      "           backend's peer on the same server in the same run (--peer), with ratios",
      "  all      each of the above but idle-remote, counts and peers (heap on memory: only), then a summary",
      "Every figure names the backend, durability mode, workers, JDK and cores.",
      ""
    })
public final class LoadTool implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      defaultValue = "memory:",
      description = "Backend URL: memory:, sqlite:/tmp/bench.db, ... (default: ${DEFAULT-VALUE}).")
  private String backend;

  @Option(
      names = "--workload",
      paramLabel = "NAME",
      defaultValue = "all",
      description =
          "drain, live, idle, idle-remote, delayed, scheduled, burst, heap, counts,"
              + " rest, peers, single or all (default: ${DEFAULT-VALUE}).")
  private String workload;

  @Option(
      names = "--workers",
      description = "Handlers that run at once (default: 10 for single, else 256).")
  private Integer workers;

  @Option(
      names = "--claim-batch",
      defaultValue = "1000",
      description = "Most tasks per claim round trip (default: ${DEFAULT-VALUE}).")
  private int claimBatch;

  @Option(
      names = "--tasks",
      description =
          "Tasks for drain, live and heap (default: 1,000,000 on memory:, else 100,000;"
              + " single: 200,000 on memory:, else 20,000 per phase; rest: 20,000 on memory:,"
              + " else 10,000 per phase).")
  private Integer tasks;

  @Option(
      names = "--warmup",
      description =
          "Tasks run and discarded before drain and live, idle samples discarded"
              + " (at most 1,000); 0 for none (default: 100,000 on memory:, else 10,000;"
              + " single: 200 idle samples; rest: 30,000 requests, as the server's path takes"
              + " some 20,000 to compile).")
  private Integer warmup;

  @Option(
      names = "--warmup-time",
      converter = DurationConverter.class,
      description =
          "Single: how long each run warms up (rounds of enqueue and drain) before its"
              + " first timed phase, for Baton and its peer alike (default: 20s).")
  private Duration warmupTime;

  @Option(
      names = "--producers",
      description =
          "Threads enqueueing at once in live (default: half the cores, at least 1;"
              + " more only add contention for the store's lock; single: 32, one call per task;"
              + " rest: 16 clients, one request per task).")
  private Integer producers;

  @Option(
      names = "--batch",
      defaultValue = "1000",
      description = "Tasks per enqueueAll call (default: ${DEFAULT-VALUE}).")
  private int batch;

  @Option(
      names = "--window",
      defaultValue = "20000",
      description = "Live: most tasks enqueued but not started (default: ${DEFAULT-VALUE}).")
  private int window;

  @Option(
      names = "--samples",
      defaultValue = "2000",
      description = "Idle: measured tasks after warm-up (default: ${DEFAULT-VALUE}).")
  private int samples;

  @Option(
      names = "--delayed-samples",
      defaultValue = "100",
      description = "Delayed and scheduled: measured samples (default: ${DEFAULT-VALUE}).")
  private int delayedSamples;

  @Option(
      names = "--delay",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      description =
          "Delayed and scheduled: how far ahead each task or schedule is due (default: ${DEFAULT-VALUE}).")
  private Duration delay;

  @Option(
      names = "--burst",
      defaultValue = "10000",
      description = "Burst: tasks due at one instant (default: ${DEFAULT-VALUE}).")
  private int burst;

  @Option(
      names = "--lead",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "Burst: how far ahead the instant is, time to enqueue (default: ${DEFAULT-VALUE}).")
  private Duration lead;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Give up when a wait takes longer (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  @Option(
      names = "--peers",
      paramLabel = "NAMES",
      split = ",",
      defaultValue = "db-scheduler,jobrunr",
      description =
          "Peers workload: the JVM peers to run next to Baton on the same PostgreSQL"
              + " (default: ${DEFAULT-VALUE}).")
  private List<String> peers;

  @Option(
      names = "--peer-tasks",
      defaultValue = "20000",
      description =
          "Peers workload: tasks each of Baton and the peers drains (default: ${DEFAULT-VALUE}).")
  private int peerTasks;

  @Option(
      names = "--peer-samples",
      defaultValue = "20",
      description =
          "Peers workload: idle samples each takes; JobRunr's take up to 5 s each"
              + " (default: ${DEFAULT-VALUE}).")
  private int peerSamples;

  @Option(
      names = "--peer-pool",
      defaultValue = "10",
      description =
          "Peers workload: each peer's connection pool, as Baton's baton.pool"
              + " (default: ${DEFAULT-VALUE}).")
  private int peerPool;

  @Option(
      names = "--idle-rate",
      defaultValue = "200",
      description = "Single: tasks per second in its idle phase (default: ${DEFAULT-VALUE}).")
  private int idleRate;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description =
          "Single: runs of the whole shape per contender, figures are medians"
              + " (default: ${DEFAULT-VALUE}; BENCHMARKS.md uses 3).")
  private int repeat;

  @Option(
      names = "--phases",
      paramLabel = "NAMES",
      split = ",",
      defaultValue = "drain,enqueue-n,live-1,live-n,idle,burst",
      description =
          "Single: the phases to run (default: all, ${DEFAULT-VALUE}); the BullMQ peer"
              + " runs all of them whatever this says.")
  private List<String> phases;

  @Option(
      names = "--peer",
      paramLabel = "NAME",
      description =
          "Single: the peer beside Baton: quartz, db-scheduler, bullmq, rabbitmq, pull"
              + " (Baton's pull API settling each fetch in one batch), pull-single (one ack per"
              + " task) or none (default: the backend's: quartz on memory:, db-scheduler on PostgreSQL,"
              + " bullmq on redis:, rabbitmq on amqp:, none elsewhere).")
  private String peer;

  @Option(
      names = "--rest-client",
      paramLabel = "NAME",
      defaultValue = "http-client",
      description =
          "Rest: the client, http-client (java.net.http, one per thread) or url-connection"
              + " (HttpURLConnection, fixed-length streaming: probes each reused connection"
              + " for 1 ms before a POST)"
              + " (default: ${DEFAULT-VALUE}).")
  private String restClient;

  @Option(
      names = "--clear",
      description = "Delete every task in the backend before each workload. Scratch backends only!")
  private boolean clear;

  /** Makes the command; picocli fills in its options. */
  public LoadTool() {}

  /**
   * Runs the load tool and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, for running in-process. Errors from a run (a bad backend URL, a backend that
   * fails) print as one line with their causes instead of a stack trace.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new LoadTool())
        .setExecutionExceptionHandler(new OneLineErrors("baton bench: "));
  }

  @Override
  public Integer call() throws Exception {
    BenchOptions options = options();
    boolean single = workload.equals("single");
    boolean rest = workload.equals("rest");
    List<Workloads> chosen =
        workload.equals("peers") || single || rest ? List.of() : chosen(options);
    StoreProviders.find(options.backend());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf(
        "Baton load tool: backend %s (%s), durability %s%n",
        options.scheme(), dev.baton.spi.BackendUrls.mask(options.backend()), options.durability());
    if (rest) {
      out.printf(
          "  no workers, 1 then %d clients, client %s, command: %s%n",
          options.producers(), restClient, command());
    } else if (!single) {
      out.printf(
          "  workers %d, claim batch %d, producers %d, enqueue batch %,d%n",
          options.workers(), options.claimBatch(), options.producers(), options.batch());
    }
    out.printf(
        "  %s, %s, %d cores, load average %.2f at start%n",
        Environment.jdk(), Environment.os(), Environment.cores(), Environment.loadAverage());
    out.printf("  %s, JVM options: %s%n", Environment.heap(), Environment.jvmOptions());
    if (options.scheme().startsWith("redis")) {
      // The yardstick: the server's plain speed on this machine, measured in the same run.
      err.printf("measuring the physical reference (redis-benchmark)...%n");
      err.flush();
      out.printf("  physical reference: %s%n", RedisReference.physical(options.backend()));
    }
    out.println();
    out.flush();
    if (single) {
      ShapeWorkload.run(
          shapeOptions(options),
          options.scheme(),
          options.durability(),
          peer != null ? peer : ShapeWorkload.defaultPeer(options.scheme()),
          peerUrl(options),
          out,
          err);
      return 0;
    }
    if (rest) {
      Rest.Client client = Rest.Client.named(restClient);
      require(client != null, "--rest-client must be http-client or url-connection", restClient);
      Rest.run(options, client).print(out);
      return 0;
    }
    if (workload.equals("peers")) {
      require(peerTasks >= 1, "--peer-tasks must be at least 1", peerTasks);
      require(peerSamples >= 1, "--peer-samples must be at least 1", peerSamples);
      require(peerPool >= 1, "--peer-pool must be at least 1", peerPool);
      PeersWorkload.run(options, peers, peerTasks, peerSamples, peerPool, out, err);
      return 0;
    }
    List<Report> reports = new ArrayList<>();
    for (Workloads w : chosen) {
      err.printf("running %s...%n", w.label());
      err.flush();
      // The previous workload's tasks are garbage now; collect them here rather than in the
      // middle of the next workload's measurement.
      System.gc();
      Report report = w.run(options);
      report.print(out);
      out.println();
      reports.add(report);
    }
    if (chosen.size() > 1) {
      printTable(out, options, reports);
    }
    out.flush();
    return 0;
  }

  /** The command line as given, so that a figure says how to measure it again. */
  private String command() {
    return String.join(
        " ",
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("./baton bench"),
                spec.commandLine().getParseResult().originalArgs().stream())
            .toList());
  }

  /** The single-task shape's options, its defaults where the flag was not given. */
  private ShapeOptions shapeOptions(BenchOptions options) {
    try {
      return new ShapeOptions(
          options.backend(),
          options.tasks(),
          options.workers(),
          options.producers(),
          options.samples(),
          idleRate,
          options.warmup(),
          options.burst(),
          options.lead(),
          warmupTime != null ? warmupTime : ShapeOptions.DEFAULT_WARMUP,
          repeat,
          options.timeout(),
          options.clear(),
          java.util.Set.copyOf(phases));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The URL the peer connects to: the same server, without Baton's own options. */
  private static String peerUrl(BenchOptions options) {
    String url = options.backend();
    if (options.scheme().startsWith("jdbc:")) {
      return ServerDurability.plainJdbcUrl(url);
    }
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private BenchOptions options() {
    boolean memory = backend.startsWith("memory:");
    boolean single = workload.equals("single");
    boolean rest = workload.equals("rest");
    int defaultTasks =
        rest
            ? (memory ? 20_000 : 10_000)
            : single
                ? (memory ? 200_000 : 20_000)
                : memory || workload.equals("counts") ? 1_000_000 : 100_000;
    BenchOptions options =
        new BenchOptions(
            backend,
            workers != null ? workers : single ? 10 : 256,
            claimBatch,
            tasks != null ? tasks : defaultTasks,
            warmup != null ? warmup : single ? 200 : rest ? 30_000 : memory ? 100_000 : 10_000,
            producers != null
                ? producers
                : single ? 32 : rest ? 16 : Math.max(1, Environment.cores() / 2),
            batch,
            window,
            samples,
            delayedSamples,
            delay,
            burst,
            lead,
            timeout,
            clear);
    require(
        options.workers() >= 1 && options.workers() <= 10_000,
        "--workers must be 1-10000",
        options.workers());
    require(
        options.claimBatch() >= 1 && options.claimBatch() <= 10_000,
        "--claim-batch must be 1-10000",
        options.claimBatch());
    require(options.tasks() >= 1, "--tasks must be at least 1", options.tasks());
    require(options.warmup() >= 0, "--warmup must be 0 or more", options.warmup());
    require(options.producers() >= 1, "--producers must be at least 1", options.producers());
    require(options.batch() >= 1, "--batch must be at least 1", options.batch());
    require(
        options.window() >= options.batch(),
        "--window must be at least --batch (" + options.batch() + ")",
        options.window());
    require(options.samples() >= 1, "--samples must be at least 1", options.samples());
    require(
        options.delayedSamples() >= 1,
        "--delayed-samples must be at least 1",
        options.delayedSamples());
    require(options.burst() >= 1, "--burst must be at least 1", options.burst());
    require(!options.delay().isNegative(), "--delay must not be negative", options.delay());
    return options;
  }

  private void require(boolean ok, String message, Object value) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message + " but was " + value);
    }
  }

  private List<Workloads> chosen(BenchOptions options) {
    if (workload.equals("all")) {
      return Workloads.all(options);
    }
    if (workload.equals(Workloads.IDLE_REMOTE.label()) && options.scheme().equals("memory:")) {
      throw new ParameterException(
          spec.commandLine(),
          "--workload idle-remote measures the"
              + " wake-up between two stores, and memory: is one store per process; use --workload idle"
              + " there, or a backend two stores can share (sqlite:, jdbc:postgresql:, redis:, amqp:)");
    }
    for (Workloads w : Workloads.values()) {
      if (w.label().equals(workload)) {
        return List.of(w);
      }
    }
    throw new ParameterException(
        spec.commandLine(),
        "Unknown --workload '"
            + workload
            + "'; use drain, live, idle, idle-remote, delayed, scheduled, burst, heap, counts, peers,"
            + " single or all");
  }

  private static void printTable(PrintWriter out, BenchOptions options, List<Report> reports) {
    out.printf(
        "Summary: backend %s, durability %s, %d workers, claim batch %d, JDK %d, %d cores%n",
        options.scheme(),
        options.durability(),
        options.workers(),
        options.claimBatch(),
        Runtime.version().feature(),
        Environment.cores());
    int headlineWidth = reports.stream().mapToInt(r -> r.headline().length()).max().orElse(0);
    int targetWidth = reports.stream().mapToInt(r -> r.target().length()).max().orElse(0);
    String row = "  %-8s  %-" + headlineWidth + "s  %-" + targetWidth + "s  %s%n";
    out.printf(row, "workload", "result", "target (DESIGN.md)", "verdict");
    for (Report r : reports) {
      out.printf(row, r.workload(), r.headline(), r.target(), r.verdict());
    }
  }
}
