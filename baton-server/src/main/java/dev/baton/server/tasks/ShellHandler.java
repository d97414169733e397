package dev.baton.server.tasks;

import dev.baton.Outcome;
import dev.baton.TaskContext;
import dev.baton.TaskHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code shell} tasks: a command from the allow-list with its arguments, no shell in between
 * (so no globbing, pipes or injection). Exit 0 succeeds with the trimmed output; any other exit is
 * a failed attempt that the retry policy may retry; a command off the list fails for good.
 */
final class ShellHandler implements TaskHandler<BuiltInTypes.ShellCommand> {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Set<String> allowed;

  ShellHandler(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  @Override
  public Object handle(BuiltInTypes.ShellCommand task, TaskContext context) throws IOException, InterruptedException {
    if (task.command() == null || !allowed.contains(task.command())) {
      return Outcome.fail("command '" + task.command() + "' is not in shell.allow " + allowed);
    }
    List<String> argv = new ArrayList<>();
    argv.add(task.command());
    if (task.args() != null) {
      argv.addAll(task.args());
    }
    Process process = new ProcessBuilder(argv).start();
    process.getOutputStream().close();
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    Duration timeout = task.timeout() == null ? DEFAULT_TIMEOUT : Duration.parse(task.timeout());
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
      throw new IOException(task.command() + " exited with " + process.exitValue() + ": " + result.get("stderr"));
    }
    return result;
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
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
    }, Thread::startVirtualThread);
  }
}
