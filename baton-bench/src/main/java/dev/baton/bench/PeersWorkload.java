package dev.baton.bench;

import dev.baton.bench.peers.PeerOptions;
import dev.baton.bench.peers.PeerRun;
import dev.baton.bench.peers.Peers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Baton next to its JVM peers on the same PostgreSQL, in one run: each drains the same number of
 * no-op tasks queued beforehand (throughput) and takes the same number of idle enqueue-to-start
 * samples, with the same number of workers; then a table of Baton's figures against each peer's, as
 * ratios.
 */
final class PeersWorkload {
  private PeersWorkload() {}

  static void run(
      BenchOptions base,
      List<String> peers,
      int tasks,
      int samples,
      int poolSize,
      PrintWriter out,
      PrintWriter err) {
    if (!base.scheme().equals("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the peers workload runs on PostgreSQL; use --backend jdbc:postgresql://...");
    }
    for (String peer : peers) {
      if (!Peers.NAMES.contains(peer)) {
        throw new IllegalArgumentException(
            "unknown peer '" + peer + "'; use " + String.join(",", Peers.NAMES));
      }
    }
    int warmup = Math.min(1_000, tasks);
    BenchOptions options =
        new BenchOptions(
            base.backend(),
            base.workers(),
            base.claimBatch(),
            tasks,
            warmup,
            base.producers(),
            base.batch(),
            base.window(),
            samples,
            base.delayedSamples(),
            base.delay(),
            base.burst(),
            base.lead(),
            base.timeout(),
            base.clear());
    err.println("running Baton drain and idle...");
    err.flush();
    System.gc();
    Report drain = Drain.run(options);
    drain.print(out);
    out.println();
    System.gc();
    Report idle = Idle.run(options);
    idle.print(out);
    out.println();
    PeerRun baton =
        new PeerRun(
            "Baton",
            "baton.pool=10 (default), "
                + base.workers()
                + " workers, claim batch "
                + base.claimBatch(),
            tasks,
            drain.figure("throughput").orElseThrow().value(),
            samples,
            idle.figure("start p50").orElseThrow().value(),
            idle.figure("start p99").orElseThrow().value(),
            idle.figure("start max").orElseThrow().value(),
            "stored SUCCEEDED");

    PeerOptions peerOptions =
        new PeerOptions(
            ServerDurability.plainJdbcUrl(base.backend()),
            base.workers(),
            poolSize,
            tasks,
            warmup,
            samples,
            base.timeout());
    List<PeerRun> runs = new ArrayList<>();
    runs.add(baton);
    for (String peer : peers) {
      err.printf("running %s...%n", peer);
      err.flush();
      System.gc();
      PeerRun run = Peers.run(peer, peerOptions);
      print(out, run, options);
      runs.add(run);
    }
    table(out, options, runs);
  }

  private static void print(PrintWriter out, PeerRun run, BenchOptions options) {
    out.printf(
        "== peer %s  [backend %s  durability %s  JDK %d  %d cores  load %.2f]%n",
        run.peer(),
        options.scheme(),
        options.durability(),
        Runtime.version().feature(),
        Environment.cores(),
        Environment.loadAverage());
    out.printf("   settings    %s%n", run.settings());
    out.printf(
        "   drain       %,d tasks, %,.0f tasks/s (done = %s)%n",
        run.tasks(), run.throughput(), run.done());
    out.printf(
        "   idle        p50 %.3f ms, p99 %.3f ms, max %.3f ms (%,d samples)%n%n",
        run.p50Millis(), run.p99Millis(), run.maxMillis(), run.samples());
    out.flush();
  }

  private static void table(PrintWriter out, BenchOptions options, List<PeerRun> runs) {
    PeerRun baton = runs.get(0);
    out.printf(
        "Peers on the same PostgreSQL (%s), %,d no-op tasks drained, %,d idle samples,"
            + " %d workers each, load %.2f:%n",
        options.durability(),
        baton.tasks(),
        baton.samples(),
        options.workers(),
        Environment.loadAverage());
    String row = "  %-13s %15s %14s %26s %16s%n";
    out.printf(row, "", "drain tasks/s", "Baton / peer", "idle p50 / p99 ms", "p99 peer / Baton");
    for (PeerRun run : runs) {
      boolean self = run == baton;
      out.printf(
          row,
          run.peer(),
          String.format("%,.0f", run.throughput()),
          self ? "1" : String.format("%,.1f x", baton.throughput() / run.throughput()),
          String.format("%.3f / %.3f", run.p50Millis(), run.p99Millis()),
          self ? "1" : String.format("%,.0f x", run.p99Millis() / baton.p99Millis()));
    }
    out.flush();
  }
}
