package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
  @Test
  void demo_on_memory_runs_every_task_and_reports_throughput_and_latency() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("demo", "--backend", "memory:", "--tasks", "500", "--workers", "4");

    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    assertThat(out.toString())
        .contains("memory:")
        .contains("not durable")
        .contains("Ran 500 tasks")
        .contains("throughput")
        .contains("tasks/s")
        .contains("enqueue-to-start")
        .contains("p50")
        .contains("p99")
        .contains("max");
    assertThat(err.toString()).contains("500/500 done");
  }

  @Test
  void demo_on_an_unknown_backend_says_which_url_and_fails() {
    StringWriter err = new StringWriter();
    CommandLine cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("demo", "--backend", "nope:somewhere", "--tasks", "10");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("nope:somewhere").contains("memory:");
  }

  @Test
  void help_lists_the_commands() {
    StringWriter out = new StringWriter();
    CommandLine cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int exit = cli.execute("--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("demo").contains("bench");
  }
}
