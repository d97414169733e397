package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the REST workload tiny and checks what it reports; no timing is asserted. */
class RestWorkloadTest {
  @Test
  void rest_reports_throughput_and_request_latency_for_one_client_and_many(@TempDir Path dir) {
    String text =
        run(
            "--backend",
            "sqlite:" + dir.resolve("rest.db"),
            "--workload",
            "rest",
            "--tasks",
            "40",
            "--warmup",
            "10",
            "--producers",
            "3");

    assertThat(text)
        .contains("== rest")
        .contains("durability WAL, synchronous=NORMAL")
        .contains("client http-client")
        .contains("command: ./baton bench --backend sqlite:")
        .contains("1 client throughput")
        .contains("1 client request p50")
        .contains("1 client request p99")
        .contains("3 clients throughput")
        .contains("3 clients request p99")
        .contains("target: 1 client >= 5,000 and 3 clients >= 15,000 tasks/s");
  }

  @Test
  void the_url_connection_client_enqueues_over_the_same_api() {
    String text =
        run(
            "--workload",
            "rest",
            "--rest-client",
            "url-connection",
            "--tasks",
            "20",
            "--warmup",
            "0",
            "--producers",
            "2");

    assertThat(text)
        .contains("durability none (in memory)")
        .contains("client url-connection")
        .contains("2 clients request p50");
  }

  @Test
  void an_unknown_client_is_refused() {
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));

    int exit = cli.execute("--workload", "rest", "--rest-client", "curl");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("--rest-client must be http-client or url-connection");
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LoadTool.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    assertThat(exit).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }
}
