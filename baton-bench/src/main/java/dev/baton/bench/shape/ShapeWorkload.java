package dev.baton.bench.shape;

import dev.baton.bench.Environment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-task shape, Baton beside its backend's peer: each runs the whole shape in turn, {@code
 * repeat} times, interleaved so that both see the same machine; then one table of medians with
 * Baton's advantage per row and the targets of DESIGN.md.
 */
public final class ShapeWorkload {
  private ShapeWorkload() {}

  /**
   * The peer measured beside Baton on a backend, by URL scheme.
   *
   * @param scheme the URL scheme with its colon, such as {@code redis:}
   * @return the peer's name as {@code --peer} takes it, or {@code none} where no peer is set
   */
  public static String defaultPeer(String scheme) {
    return switch (scheme) {
      case "memory:" -> "quartz";
      case "jdbc:postgresql:" -> "db-scheduler";
      case "redis:" -> "bullmq";
      case "amqp:", "amqps:" -> "rabbitmq";
      default -> "none";
    };
  }

  /**
   * Runs the shape and prints every run, then the table.
   *
   * @param options what to run
   * @param scheme the backend's URL scheme with its colon
   * @param durability the backend's durability mode in words
   * @param peer the peer's name ({@link #defaultPeer}) or {@code none}
   * @param peerUrl the URL the peer connects to: the same server, without Baton's options
   * @param out where the figures go
   * @param err where progress goes
   * @throws Exception when a contender fails or a wait times out
   */
  public static void run(
      ShapeOptions options,
      String scheme,
      String durability,
      String peer,
      String peerUrl,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    List<Contender> contenders = new ArrayList<>();
    contenders.add(new BatonContender(options.backend(), options.workers()));
    Contender other = peer(peer, peerUrl, options);
    if (other != null) {
      contenders.add(other);
    }
    List<List<Results>> runs = new ArrayList<>();
    contenders.forEach(c -> runs.add(new ArrayList<>()));
    for (int r = 1; r <= options.repeat(); r++) {
      for (int c = 0; c < contenders.size(); c++) {
        Contender contender = contenders.get(c);
        err.printf("run %d of %d: %s%n", r, options.repeat(), contender.name());
        err.flush();
        System.gc();
        Results results = contender.measure(options, err);
        runs.get(c).add(results);
        out.printf("-- run %d, %s: %s%n", r, contender.name(), results);
        out.flush();
      }
    }
    out.println();
    List<Results> medians = runs.stream().map(Results::median).toList();
    printTable(out, options, scheme, durability, contenders, runs, medians);
  }

  private static Contender peer(String peer, String peerUrl, ShapeOptions options) {
    int workers = options.workers();
    return switch (peer) {
      case "pull" -> new BatonPullContender(options.backend(), workers, true);
      case "pull-single" -> new BatonPullContender(options.backend(), workers, false);
      case "none" -> null;
      case "quartz" -> new QuartzContender(workers);
      case "db-scheduler" -> new DbSchedulerContender(peerUrl, workers);
      case "bullmq" -> new BullmqContender(peerUrl, workers);
      case "rabbitmq" -> new RabbitContender(peerUrl, workers);
      default ->
          throw new IllegalArgumentException(
              "unknown --peer '"
                  + peer
                  + "'; use quartz (memory:), db-scheduler (jdbc:postgresql:), bullmq (redis:),"
                  + " rabbitmq (amqp:), pull or pull-single (Baton's pull API, any backend)"
                  + " or none");
    };
  }

  private static void printTable(
      PrintWriter out,
      ShapeOptions options,
      String scheme,
      String durability,
      List<Contender> contenders,
      List<List<Results>> runs,
      List<Results> medians) {
    out.printf("Single-task shape: backend %s, durability %s%n", scheme, durability);
    out.printf(
        "  one enqueue call per task; %,d tasks per throughput phase; N = %d producer"
            + " threads; %d workers; idle %,d tasks at %d/s (first %d left out); burst %,d due"
            + " at one instant; each run warms up for %s first%n",
        options.tasks(),
        options.producers(),
        options.workers(),
        options.idleTasks(),
        options.idleRate(),
        options.idleWarmup(),
        options.burst(),
        options.warmupTime().toMillis() / 1000.0 + " s");
    out.printf(
        "  %s, %d cores, load average %.2f at the end; medians of %d run(s)%n",
        Environment.jdk(), Environment.cores(), Environment.loadAverage(), options.repeat());
    for (Contender c : contenders) {
      out.printf("  %s: %s%n", c.name(), c.settings());
    }
    Results baton = medians.get(0);
    Results peer = medians.size() > 1 ? medians.get(1) : null;
    String row = "  %-20s %-8s %12s %14s %14s  %-28s %s%n";
    out.printf(
        row,
        "",
        "unit",
        "Baton",
        peer == null ? "" : shorten(contenders.get(1).name()),
        peer == null ? "" : "Baton's edge",
        "target",
        "verdict");
    for (Metric m : Metric.values()) {
      double b = baton.get(m);
      double p = peer == null ? Double.NaN : peer.get(m);
      if (Double.isNaN(b) && Double.isNaN(p)) {
        continue;
      }
      double edge = m.advantage(b, p);
      ShapeTargets.Verdict verdict = ShapeTargets.judge(scheme, m, b, p);
      out.printf(
          row,
          m.label,
          m.unit,
          m.format(b),
          peer == null ? "" : m.format(p),
          Double.isNaN(edge) ? "" : String.format("%.2f x", edge),
          verdict.target(),
          verdict.verdict());
    }
    if (options.repeat() > 1) {
      out.println("  every run (throughputs, idle p99):");
      for (int c = 0; c < contenders.size(); c++) {
        out.printf("    %-20s", shorten(contenders.get(c).name()));
        for (Metric m :
            List.of(
                Metric.ENQUEUE_1,
                Metric.ENQUEUE_N,
                Metric.DRAIN,
                Metric.LIVE_1,
                Metric.LIVE_N,
                Metric.IDLE_P99)) {
          out.printf("  %s: %s", m.label, Results.spread(runs.get(c), m));
        }
        out.println();
      }
    }
    for (int c = 0; c < contenders.size(); c++) {
      for (String note : medians.get(c).notes()) {
        out.printf("  note (%s): %s%n", contenders.get(c).name(), note);
      }
    }
    out.println(
        "  Baton's edge: Baton / peer for throughputs, peer / Baton for times; above 1 is"
            + " better for Baton.");
    out.flush();
  }

  private static String shorten(String name) {
    return name.length() <= 14 ? name : name.substring(0, 14);
  }
}
