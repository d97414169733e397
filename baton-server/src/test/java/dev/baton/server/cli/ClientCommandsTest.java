package dev.baton.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.server.BatonServer;
import dev.baton.server.config.ServerConfig;
import dev.baton.server.plugin.BatonPlugin;
import dev.baton.server.plugin.GreetPlugin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {
  private final BatonServer server =
      BatonServer.start(
          ServerConfig.builder()
              .backend("memory:")
              .port(0)
              .token("tok")
              .maxBodyBytes(100_000)
              .workers(2)
              .shutdownGrace(Duration.ofSeconds(5))
              .metrics(false)
              .build(),
          true,
          UnaryOperator.identity());

  private String out;
  private String err;

  @AfterEach
  void stop() {
    server.close();
  }

  private int baton(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", server.url(), "--token", "tok"));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    var cli = BatonCommand.commandLine();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    int code = cli.execute(all.toArray(String[]::new));
    out = o.toString().trim();
    err = e.toString().trim();
    return code;
  }

  @Test
  void enqueue_then_status_shows_the_result() throws Exception {
    assertThat(baton("enqueue", "echo", "{\"n\":7}", "--priority", "5", "--id", "job-1"))
        .as(err)
        .isZero();
    assertThat(out).isEqualTo("job-1");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(baton("status", "job-1")).isZero();
              assertThat(out).contains("SUCCEEDED").contains("result: {\"n\":7}");
            });
    assertThat(baton("status", "job-1", "--json")).isZero();
    assertThat(new ObjectMapper().readTree(out).get("priority").asInt()).isEqualTo(5);
    assertThat(baton("enqueue", "echo", "{}", "--id", "job-1")).isZero();
    assertThat(out).contains("exists");
  }

  @Test
  void exit_codes_scripts_can_trust() {
    assertThat(baton("status", "missing")).isEqualTo(3);
    assertThat(err).contains("404");
    assertThat(baton("enqueue", "send_fax", "{}")).isEqualTo(1);
    assertThat(err).contains("send_fax");
    assertThat(baton("enqueue", "echo", "{not json")).isEqualTo(2);
    assertThat(baton("enqueue")).isEqualTo(2);
    assertThat(baton("cancel", "missing")).isEqualTo(3);
  }

  @Test
  void cancel_and_retry() {
    baton("enqueue", "noop", "{}", "--delay", "1h", "--id", "later");
    assertThat(baton("cancel", "later")).isZero();
    assertThat(baton("cancel", "later")).isEqualTo(1);
    assertThat(baton("retry", "later")).isZero();
    assertThat(baton("retry", "later")).isEqualTo(1);
  }

  @Test
  void schedules_round_trip() {
    assertThat(
            baton(
                "schedules",
                "add",
                "nightly",
                "--cron",
                "0 2 * * *",
                "--type",
                "echo",
                "--payload",
                "{\"a\":1}"))
        .as(err)
        .isZero();
    assertThat(baton("schedules", "list")).isZero();
    assertThat(out).contains("nightly").contains("enabled");
    assertThat(baton("schedules", "next", "nightly", "--count", "2")).isZero();
    assertThat(out.lines()).hasSize(2).allMatch(l -> l.endsWith("T02:00:00Z"));
    assertThat(baton("schedules", "pause", "nightly")).isZero();
    assertThat(baton("schedules", "resume", "nightly")).isZero();
    assertThat(baton("schedules", "trigger", "nightly")).isZero();
    assertThat(baton("schedules", "delete", "nightly")).isZero();
    assertThat(baton("schedules", "pause", "nightly")).isEqualTo(3);
    assertThat(baton("schedules", "add", "bad", "--cron", "0 99 * * *", "--type", "echo"))
        .isEqualTo(1);
    assertThat(baton("schedules", "add", "none", "--type", "echo")).isEqualTo(2);
  }

  @Test
  void durations_read_alike_in_every_flag() {
    assertThat(baton("schedules", "add", "tick", "--every", "5s", "--type", "noop"))
        .as(err)
        .isZero();
    assertThat(baton("schedules", "list")).isZero();
    assertThat(out).contains("tick").contains("PT5S");
    assertThat(baton("schedules", "add", "tock", "--every", "PT1M", "--type", "noop"))
        .as(err)
        .isZero();
    assertThat(baton("enqueue", "noop", "{}", "--delay", "PT1H", "--id", "iso-delay"))
        .as(err)
        .isZero();
    assertThat(baton("enqueue", "noop", "{}", "--delay", "30s", "--id", "short-delay"))
        .as(err)
        .isZero();

    assertThat(baton("schedules", "add", "bad", "--every", "5x", "--type", "noop")).isEqualTo(2);
    assertThat(err).contains("'5x' is not a duration");
    assertThat(baton("enqueue", "noop", "{}", "--delay", "P1000000000D")).isEqualTo(2);
    assertThat(err).contains("100 years");
    assertThat(baton("enqueue", "noop", "{}", "--delay", "-PT5S")).isEqualTo(2);
    assertThat(err).contains("negative");
  }

  @Test
  void kv_round_trip() {
    assertThat(baton("kv", "set", "cfg:a", "{\"x\":1}", "--ttl", "1h")).as(err).isZero();
    assertThat(baton("kv", "get", "cfg:a")).isZero();
    assertThat(out).isEqualTo("{\"x\":1}");
    assertThat(baton("kv", "keys", "cfg:")).isZero();
    assertThat(out).isEqualTo("cfg:a");
    assertThat(baton("kv", "delete", "cfg:a")).isZero();
    assertThat(baton("kv", "get", "cfg:a")).isEqualTo(3);
  }

  @Test
  void queues_pause_list_and_resume() {
    assertThat(baton("queues", "pause", "reports")).as(err).isZero();
    assertThat(out).isEqualTo("paused reports");
    assertThat(baton("queues", "pause", "reports")).isZero();
    assertThat(out).isEqualTo("reports was already paused");
    assertThat(baton("queues", "list")).isZero();
    assertThat(out).contains("reports").contains("paused");
    assertThat(baton("queues", "list", "--json")).isZero();
    assertThat(out).contains("\"paused\" : true");
    assertThat(baton("queues", "resume", "reports")).isZero();
    assertThat(out).isEqualTo("resumed reports");
    assertThat(baton("queues", "list")).isZero();
    assertThat(out).isEqualTo("no queues");
  }

  @Test
  void a_wrong_token_is_an_error() {
    var cli = BatonCommand.commandLine();
    StringWriter e = new StringWriter();
    cli.setErr(new PrintWriter(e, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute("status", "x", "--url", server.url(), "--token", "nope")).isEqualTo(1);
    assertThat(e.toString()).contains("401");
  }

  @Test
  void the_token_can_come_from_a_file(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("token"), "tok\n");
    var cli = BatonCommand.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    assertThat(
            cli.execute(
                "enqueue",
                "echo",
                "{}",
                "--id",
                "from-file",
                "--url",
                server.url(),
                "--token-file",
                file.toString()))
        .as(e.toString())
        .isZero();
    assertThat(o.toString().trim()).isEqualTo("from-file");
    assertThat(
            cli.execute(
                "status",
                "x",
                "--url",
                server.url(),
                "--token-file",
                dir.resolve("none").toString()))
        .isEqualTo(1);
    assertThat(e.toString()).contains("cannot read the token file");
  }

  @Test
  void with_backend_the_commands_work_on_the_backend_directly(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String backend = "sqlite:" + dir.resolve("direct.db");
    var cli = BatonCommand.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));
    assertThat(cli.execute("enqueue", "echo", "{}", "--id", "direct-1", "--backend", backend))
        .as(e.toString())
        .isZero();
    assertThat(cli.execute("status", "direct-1", "--backend", backend)).as(e.toString()).isZero();
    assertThat(o.toString()).contains("direct-1  QUEUED");
    assertThat(cli.execute("kv", "set", "k", "1", "--backend", backend)).as(e.toString()).isZero();
    assertThat(cli.execute("kv", "get", "k", "--backend", backend)).isZero();
    assertThat(cli.execute("status", "nope", "--backend", backend)).isEqualTo(3);
  }

  @Test
  void with_backend_enqueue_knows_the_shell_and_plugin_types_a_worker_on_the_same_config_runs(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path plugins = Files.createDirectory(dir.resolve("my-plugins"));
    try (var jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("greet.jar")))) {
      jar.putNextEntry(new JarEntry("META-INF/services/" + BatonPlugin.class.getName()));
      jar.write((GreetPlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    Path config = dir.resolve("baton.yaml");
    Files.writeString(
        config,
        "tasks:\n  shell:\n    enabled: true\n    allow: [echo]\nplugins:\n  dir: "
            + plugins
            + "\n");
    String backend = "sqlite:" + dir.resolve("direct.db");
    var cli = BatonCommand.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o, true));
    cli.setErr(new PrintWriter(e, true));

    assertThat(
            cli.execute(
                "enqueue",
                "shell",
                "{\"command\":\"echo\"}",
                "--id",
                "sh-1",
                "--backend",
                backend,
                "--config",
                config.toString()))
        .as(e.toString())
        .isZero();
    assertThat(
            cli.execute(
                "enqueue",
                "greet",
                "{\"name\":\"ada\"}",
                "--id",
                "greet-1",
                "--backend",
                backend,
                "--config",
                config.toString()))
        .as(e.toString())
        .isZero();
    assertThat(cli.execute("status", "sh-1", "--backend", backend)).as(e.toString()).isZero();
    assertThat(o.toString()).contains("sh-1  QUEUED");
    // The payload is checked against the type as a worker would check it.
    String badPayload = "{\"command\":[1]}";
    assertThat(
            cli.execute(
                "enqueue",
                "shell",
                badPayload,
                "--backend",
                backend,
                "--config",
                config.toString()))
        .isEqualTo(1);
    assertThat(e.toString()).contains("payload");
    // Without the configuration, the worker would not run shell either: refused the same way.
    assertThat(cli.execute("enqueue", "shell", "{\"command\":\"echo\"}", "--backend", backend))
        .isEqualTo(1);
    assertThat(e.toString()).contains("shell");
  }

  @Test
  void every_command_has_help() {
    for (String[] args :
        List.of(
            new String[] {"enqueue", "--help"},
            new String[] {"schedules", "add", "--help"},
            new String[] {"kv", "keys", "--help"},
            new String[] {"server", "--help"},
            new String[] {"worker", "--help"})) {
      var cli = BatonCommand.commandLine();
      StringWriter o = new StringWriter();
      cli.setOut(new PrintWriter(o, true));
      assertThat(cli.execute(args)).isZero();
      assertThat(o.toString()).contains("Usage:");
    }
  }
}
