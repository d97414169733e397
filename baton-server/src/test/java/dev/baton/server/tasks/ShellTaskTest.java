package dev.baton.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShellTaskTest {
  private final Baton baton =
      BuiltInTypes.addShell(Baton.builder(), List.of("echo", "false"))
          .retry(RetryPolicy.fixed(Duration.ofMillis(10), 3))
          .start();

  @AfterEach
  void stop() {
    baton.close();
  }

  private TaskRecord run(String command, List<String> args) {
    var id = baton.enqueue(BuiltInTypes.SHELL, new BuiltInTypes.ShellCommand(command, args, "PT10S"), Enqueue.options().maxAttempts(2)).id();
    return baton.task(id).awaitDone(Duration.ofSeconds(20));
  }

  @Test
  void an_allowed_command_runs_without_a_shell_and_keeps_its_output() {
    TaskRecord task = run("echo", List.of("hello", "$HOME;", "rm"));
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.result()).contains("\"exitCode\":0").contains("hello $HOME; rm");
  }

  @Test
  void a_command_off_the_list_fails_at_once() {
    TaskRecord task = run("rm", List.of("-rf", "/tmp/nothing"));
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.lastError().message()).contains("not in shell.allow");
  }

  @Test
  void a_non_zero_exit_is_a_failed_attempt() {
    TaskRecord task = run("false", null);
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.lastError().message()).contains("exited with 1");
  }
}
