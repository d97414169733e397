package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs each workload tiny on memory and checks what it reports; no timing is asserted. */
class LoadToolTest {
  private static final BenchOptions TINY =
      new BenchOptions(
          "memory:",
          4,
          16,
          300,
          50,
          2,
          50,
          100,
          20,
          2,
          Duration.ofMillis(5),
          200,
          Duration.ofMillis(300),
          Duration.ofMinutes(1),
          false);

  @Test
  void drain_reports_throughput() {
    Report report = Workloads.DRAIN.run(TINY);
    assertThat(report.figure("tasks"))
        .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo(300));
    assertThat(report.figure("throughput")).isPresent();
    assertThat(report.figure("enqueue rate")).isPresent();
    assertThat(report.target()).contains("1,000,000 tasks/s");
  }

  @Test
  void live_reports_throughput_and_start_latency() {
    Report report = Workloads.LIVE.run(TINY);
    assertThat(report.figures())
        .extracting(Report.Figure::name)
        .contains("throughput", "start p50", "start p99", "start max");
  }

  @Test
  void idle_reports_start_latency_over_the_samples() {
    Report report = Workloads.IDLE.run(TINY);
    assertThat(report.figure("samples"))
        .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo(20));
    assertThat(report.figures())
        .extracting(Report.Figure::name)
        .contains("start p50", "start p99", "start max");
  }

  @Test
  void idle_remote_enqueues_from_a_second_store_on_the_same_sqlite_file(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));

    int exit =
        cli.execute(
            "--backend",
            "sqlite:" + dir.resolve("remote.db"),
            "--workload",
            "idle-remote",
            "--workers",
            "4",
            "--warmup",
            "2",
            "--samples",
            "10");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("== idle-remote")
        .contains("durability WAL, synchronous=NORMAL")
        .contains("load ")
        .contains("samples")
        .contains("start p50")
        .contains("start p99")
        .contains("start max")
        .contains("separate stores");
  }

  @Test
  void idle_remote_is_refused_on_memory_which_has_one_store_per_process() {
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--backend", "memory:", "--workload", "idle-remote");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("idle-remote").contains("one store per process");
  }

  @Test
  void delayed_reports_lateness_and_no_early_start() {
    Report report = Workloads.DELAYED.run(TINY);
    assertThat(report.figures())
        .extracting(Report.Figure::name)
        .contains("late p50", "late p99", "late max");
    assertThat(report.figure("early starts"))
        .hasValueSatisfying(f -> assertThat(f.value()).isZero());
  }

  @Test
  void scheduled_reports_the_lateness_of_a_one_off_schedule_and_no_early_start() {
    Report report = Workloads.SCHEDULED.run(TINY);
    assertThat(report.figure("samples"))
        .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo(2));
    assertThat(report.figures())
        .extracting(Report.Figure::name)
        .contains("late p50", "late p99", "late max");
    assertThat(report.figure("early starts"))
        .hasValueSatisfying(f -> assertThat(f.value()).isZero());
  }

  @Test
  void burst_reports_when_the_last_task_started() {
    Report report = Workloads.BURST.run(TINY);
    assertThat(report.figures())
        .extracting(Report.Figure::name)
        .contains("first start", "last start", "early starts");
    assertThat(report.figure("early starts"))
        .hasValueSatisfying(f -> assertThat(f.value()).isZero());
  }

  @Test
  void heap_reports_the_queued_tasks_and_heap_used() {
    Report report = Workloads.HEAP.run(TINY);
    assertThat(report.figure("queued tasks"))
        .hasValueSatisfying(f -> assertThat(f.value()).isEqualTo(300));
    assertThat(report.figure("heap used after")).isPresent();
  }

  @Test
  void all_prints_every_workload_with_its_context_and_a_summary() {
    StringWriter out = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));

    int exit =
        cli.execute(
            "--backend",
            "memory:",
            "--workload",
            "all",
            "--workers",
            "4",
            "--tasks",
            "200",
            "--warmup",
            "0",
            "--batch",
            "50",
            "--window",
            "100",
            "--samples",
            "10",
            "--delayed-samples",
            "1",
            "--delay",
            "5ms",
            "--burst",
            "100",
            "--lead",
            "200ms");

    assertThat(exit).isZero();
    String text = out.toString();
    for (String workload :
        new String[] {"drain", "live", "idle", "delayed", "scheduled", "burst", "heap"}) {
      assertThat(text).contains("== " + workload);
    }
    assertThat(text)
        .contains("Summary:")
        .contains("durability none (in memory)")
        .contains("workers 4")
        .contains("JDK " + Runtime.version().feature())
        .contains("cores");
  }

  @Test
  void an_unknown_workload_is_refused_with_the_known_names() {
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--workload", "nope");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("nope").contains("drain, live, idle");
  }
}
