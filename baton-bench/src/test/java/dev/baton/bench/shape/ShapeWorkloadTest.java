package dev.baton.bench.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.bench.LoadTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the single-task shape tiny and checks what it reports; no timing is asserted. */
class ShapeWorkloadTest {
  private static final String[] TINY = {
    "--tasks",
    "300",
    "--samples",
    "40",
    "--warmup",
    "5",
    "--idle-rate",
    "2000",
    "--burst",
    "50",
    "--producers",
    "4",
    "--workers",
    "3",
    "--lead",
    "300ms",
    "--warmup-time",
    "0s"
  };

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute(args);
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  private static String[] with(String... head) {
    String[] all = new String[head.length + TINY.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(TINY, 0, all, head.length, TINY.length);
    return all;
  }

  @Test
  void memory_runs_baton_beside_quartz_and_prints_a_row_per_metric_with_the_edge() {
    String out = run(with("--backend", "memory:", "--workload", "single", "--repeat", "2"));

    assertThat(out)
        .contains("Single-task shape: backend memory:, durability none (in memory)")
        .contains("-- run 1, Baton")
        .contains("-- run 2, Quartz 2.5.2")
        .contains("medians of 2 run(s)")
        .contains("Quartz 2.5.2: RAMJobStore, 3 pool threads");
    for (Metric metric : Metric.values()) {
      assertThat(out).contains(metric.label);
    }
    String row =
        out.lines().filter(l -> l.startsWith("  enqueue, 1 thread")).findFirst().orElseThrow();
    assertThat(row).matches(".*tasks/s +[0-9,]+ +[0-9,]+ +[0-9.]+ x +>= 1.5 x peer +(met|MISSED)");
    // Baton never starts a task before its due instant; Quartz may (it fires triggers up to a
    // few milliseconds early), so only Baton's column is checked.
    assertThat(out).containsPattern("burst early starts +tasks +0 +[0-9]+");
  }

  @Test
  void sqlite_runs_baton_alone_against_the_absolute_targets(@TempDir Path dir) {
    String out =
        run(with("--backend", "sqlite:" + dir.resolve("shape.db"), "--workload", "single"));

    assertThat(out)
        .contains("durability WAL, synchronous=NORMAL")
        .doesNotContain("Quartz")
        .containsPattern("enqueue, 1 thread +tasks/s +[0-9,]+ +>= 20,000/s +(met|MISSED)")
        .containsPattern("idle start p99 +ms +[0-9.]+ +< 3 ms +(met|MISSED)");
  }

  @Test
  void phases_left_out_are_not_measured() {
    String out =
        run(
            with(
                "--backend",
                "memory:",
                "--workload",
                "single",
                "--peer",
                "none",
                "--phases",
                "idle"));

    assertThat(out)
        .containsPattern("idle start p99 +ms +[0-9.]+")
        .doesNotContain("live, 1 producer")
        .doesNotContain("burst first start");
  }

  @Test
  void an_unknown_peer_is_refused_with_the_known_names() {
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--backend", "memory:", "--workload", "single", "--peer", "celery");

    assertThat(exit).isNotZero();
    assertThat(err.toString())
        .contains("unknown --peer 'celery'")
        .contains("quartz")
        .contains("bullmq")
        .contains("none");
  }

  @Test
  void a_rate_out_of_range_is_refused_naming_the_flag() {
    assertThatThrownBy(
            () ->
                new ShapeOptions(
                    "memory:",
                    10,
                    10,
                    32,
                    10,
                    0,
                    0,
                    10,
                    java.time.Duration.ofSeconds(1),
                    java.time.Duration.ZERO,
                    1,
                    java.time.Duration.ofMinutes(1),
                    false,
                    java.util.Set.copyOf(ShapeOptions.PHASES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--idle-rate must be 1-100000 but was 0");
  }

  @Test
  void a_warm_up_beyond_ten_minutes_is_refused_naming_the_flag() {
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--backend", "memory:", "--workload", "single", "--warmup-time", "11m");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("--warmup-time must be 0 to 10 minutes but was PT11M");
  }

  @Test
  void the_bullmq_program_s_line_is_read_into_every_metric() throws Exception {
    String line =
        "{\"peer\":\"bullmq\",\"version\":\"5.1.0\",\"node\":\"v20.1.0\",\"settings\":"
            + "\"concurrency 10\",\"tasks\":100,\"enqueue1\":11000,\"drain\":15000,\"enqueue32\":30000,"
            + "\"live1\":5000,\"live32\":9000,"
            + "\"idle\":{\"p50\":1.0,\"p99\":5.4,\"max\":9.0,\"count\":10},"
            + "\"burst\":{\"first\":125,\"p50\":500,\"p99\":990,\"last\":1000,\"count\":10,\"early\":0,"
            + "\"enqueuedBeforeDueMs\":-20}}";
    BullmqContender bullmq = new BullmqContender("redis://127.0.0.1:1", 10);

    Results results = bullmq.parse("progress\n" + line + "\n");

    assertThat(bullmq.name()).isEqualTo("BullMQ 5.1.0");
    assertThat(results.get(Metric.ENQUEUE_1)).isEqualTo(11000);
    assertThat(results.get(Metric.ENQUEUE_N)).isEqualTo(30000);
    assertThat(results.get(Metric.LIVE_N)).isEqualTo(9000);
    assertThat(results.get(Metric.IDLE_P99)).isEqualTo(5.4);
    assertThat(results.get(Metric.BURST_LAST)).isEqualTo(1000);
    assertThat(results.notes()).singleElement().asString().contains("20 ms after the due instant");
  }

  @Test
  void medians_take_the_middle_run_per_metric_and_skip_missing_ones() {
    Results a = new Results().put(Metric.DRAIN, 3).put(Metric.IDLE_P99, 9);
    Results b = new Results().put(Metric.DRAIN, 1);
    Results c = new Results().put(Metric.DRAIN, 2).put(Metric.IDLE_P99, 5);

    Results median = Results.median(List.of(a, b, c));

    assertThat(median.get(Metric.DRAIN)).isEqualTo(2);
    assertThat(median.get(Metric.IDLE_P99)).isEqualTo(7);
    assertThat(median.get(Metric.LIVE_1)).isNaN();
  }
}
