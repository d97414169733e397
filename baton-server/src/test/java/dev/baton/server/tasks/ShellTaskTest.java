package dev.baton.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShellTaskTest {
  private static final ShellTaskSettings SETTINGS =
      new ShellTaskSettings(
          List.of(
              new ShellTaskSettings.Entry(
                  null, "echo", List.of("hello", "{word}"), Map.of("word", "[^ ]+")),
              new ShellTaskSettings.Entry(
                  "archive", "/bin/echo", List.of("czf", "/backups/{name}.tgz", "/data"), null),
              new ShellTaskSettings.Entry(null, "/usr/bin/env", null, null),
              new ShellTaskSettings.Entry(null, "false", null, null)),
          Map.of("GREETING", "hi"),
          List.of("HOME"),
          null);

  private final Baton baton =
      BuiltInTypes.addShell(Baton.builder(), SETTINGS)
          .retry(RetryPolicy.fixed(Duration.ofMillis(10), 3))
          .start();

  @AfterEach
  void stop() {
    baton.close();
  }

  private TaskRecord run(Baton on, String command, Map<String, String> params) {
    var task = new BuiltInTypes.ShellCommand(command, params, "30s");
    var id = on.enqueue(BuiltInTypes.SHELL, task, Enqueue.options().maxAttempts(2)).id();
    return on.task(id).awaitDone(Duration.ofSeconds(20));
  }

  private TaskRecord run(String command, Map<String, String> params) {
    return run(baton, command, params);
  }

  @Test
  void an_allowed_command_runs_its_fixed_arguments_without_a_shell() {
    TaskRecord task = run("echo", Map.of("word", "$HOME;rm"));
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.result()).contains("\"exitCode\":0").contains("hello $HOME;rm");

    TaskRecord archive = run("archive", Map.of("name", "nightly-1"));
    assertThat(archive.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(archive.result()).contains("czf /backups/nightly-1.tgz /data");
  }

  @Test
  void a_command_off_the_list_fails_at_once() {
    TaskRecord task = run("rm", Map.of());
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.lastError().message()).contains("not in tasks.shell.allow");
  }

  @Test
  void a_parameter_cannot_become_an_option_or_break_its_pattern() {
    assertThatThrownBy(
            () ->
                new BuiltInTypes.ShellCommand(
                    "archive", Map.of("name", "--checkpoint-action=exec=sh"), null))
        .hasMessageContaining("start with '-'");
    assertThatThrownBy(() -> new BuiltInTypes.ShellCommand("archive", Map.of("name", "a\nb"), null))
        .hasMessageContaining("NUL, CR or LF");
    List<Map<String, String>> bads =
        List.of(
            Map.of("name", "../../etc/x"),
            Map.of("name", "a b"),
            Map.of(),
            Map.of("name", "x", "extra", "checkpoint"));
    for (Map<String, String> bad : bads) {
      TaskRecord task = run("archive", bad);
      assertThat(task.status()).as("%s", bad).isEqualTo(TaskStatus.FAILED);
      assertThat(task.attempts()).isEqualTo(1);
      assertThat(task.lastError().message()).contains("archive");
    }
  }

  @Test
  void the_child_gets_only_path_the_configured_variables_and_the_inherited_ones() {
    TaskRecord task = run("/usr/bin/env", null);
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    String stdout =
        task.result().replaceAll(".*\"stdout\":\"", "").replaceAll("\",\"stderr\".*", "");
    Set<String> names =
        Arrays.stream(stdout.split("\\\\n"))
            .filter(l -> !l.isBlank())
            .map(l -> l.substring(0, l.indexOf('=')))
            .collect(Collectors.toSet());
    Set<String> wanted =
        System.getenv("HOME") == null
            ? Set.of("PATH", "GREETING")
            : Set.of("PATH", "GREETING", "HOME");
    assertThat(names).isEqualTo(wanted);
    assertThat(stdout).contains("PATH=" + ShellTaskSettings.DEFAULT_PATH).contains("GREETING=hi");
  }

  @Test
  void a_bare_command_is_looked_up_in_the_configured_path_only() {
    var elsewhere =
        new ShellTaskSettings(
            List.of(new ShellTaskSettings.Entry(null, "echo", null, null)),
            null,
            null,
            "/nonexistent");
    try (Baton other = BuiltInTypes.addShell(Baton.builder(), elsewhere).start()) {
      TaskRecord task = run(other, "echo", null);
      assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(task.lastError().message()).contains("not an executable in tasks.shell.path");
    }
  }

  @Test
  void timeouts_read_both_forms_within_a_range() {
    assertThat(BuiltInTypes.ShellCommand.timeout("PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(BuiltInTypes.ShellCommand.timeout("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(BuiltInTypes.ShellCommand.timeout(null)).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> new BuiltInTypes.ShellCommand("echo", null, "soon"))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> new BuiltInTypes.ShellCommand("echo", null, "2d"))
        .hasMessageContaining("timeout");
  }

  @Test
  void a_non_zero_exit_is_a_failed_attempt() {
    TaskRecord task = run("false", null);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.lastError().message()).contains("exited with 1");
  }
}
