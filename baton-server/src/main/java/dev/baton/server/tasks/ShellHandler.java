package dev.baton.server.tasks;

import dev.baton.Outcome;
import dev.baton.TaskContext;
import dev.baton.TaskHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code shell} tasks: a command from the allow-list with the arguments its entry fixes, the
 * task's parameters filled in, no shell in between (so no globbing, pipes or injection), and an
 * environment built from the settings alone. Exit 0 succeeds with the trimmed output; any other
 * exit is a failed attempt that the retry policy may retry; a command off the list or a bad
 * parameter fails for good.
 */
final class ShellHandler implements TaskHandler<BuiltInTypes.ShellCommand> {
  private final Map<String, ShellTaskSettings.Entry> allowed = new LinkedHashMap<>();
  private final ShellTaskSettings settings;

  ShellHandler(ShellTaskSettings settings) {
    this.settings = settings;
    settings.allow().forEach(entry -> allowed.put(entry.name(), entry));
  }

  @Override
  public Object handle(BuiltInTypes.ShellCommand task, TaskContext context)
      throws IOException, InterruptedException {
    ShellTaskSettings.Entry entry = allowed.get(task.command());
    if (entry == null) {
      return Outcome.fail(
          "command '" + task.command() + "' is not in tasks.shell.allow " + allowed.keySet());
    }
    List<String> argv = new ArrayList<>();
    String program = program(entry.command());
    if (program == null) {
      return Outcome.fail(
          "'" + entry.command() + "' is not an executable in tasks.shell.path " + settings.path());
    }
    argv.add(program);
    try {
      argv.addAll(entry.argv(task.params()));
    } catch (IllegalArgumentException e) {
      return Outcome.fail(e.getMessage());
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    environment(builder.environment());
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    Duration timeout = BuiltInTypes.ShellCommand.timeout(task.timeout());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(task.command() + " did not finish within " + timeout);
      }
    } finally {
      // Interrupted (timeout, cancel, shutdown) or too slow: the child must not outlive the run.
      // Only then: destroying also closes its pipes, under readers that may not be done.
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("exitCode", process.exitValue());
    result.put("stdout", out.join());
    result.put("stderr", err.join());
    if (process.exitValue() != 0) {
      throw new IOException(
          task.command() + " exited with " + process.exitValue() + ": " + result.get("stderr"));
    }
    return result;
  }

  /**
   * Nothing of the server's environment (its token, its backend URL) unless the settings name it.
   */
  private void environment(Map<String, String> env) {
    env.clear();
    env.put("PATH", settings.path());
    for (String name : settings.inheritEnv()) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(settings.env());
  }

  /**
   * The program to start: a path as given, a bare name looked up in the configured {@code PATH}
   * (the JVM would look in the server's own), or null when there is none.
   */
  private String program(String command) {
    if (command.contains("/")) {
      return command;
    }
    for (String dir : settings.path().split(":")) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, command);
      if (candidate != null
          && candidate.isAbsolute()
          && Files.isRegularFile(candidate)
          && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream kept = new ByteArrayOutputStream();
          try (stream) {
            byte[] buffer = new byte[8192];
            for (int n; (n = stream.read(buffer)) >= 0; ) {
              // Keep the start; read the rest so the child never blocks on a full pipe.
              int room = HttpHandler.MAX_BODY_CHARS - kept.size();
              if (room > 0) {
                kept.write(buffer, 0, Math.min(room, n));
              }
            }
          } catch (IOException e) {
            // The pipe closed under us (the process was killed): keep what was read.
          }
          return kept.toString(StandardCharsets.UTF_8);
        },
        Thread::startVirtualThread);
  }
}
