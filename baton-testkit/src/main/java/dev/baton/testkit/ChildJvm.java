package dev.baton.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a second JVM on the test's own class path, for crash tests that kill a real process (a
 * node killed with SIGKILL through {@link Process#destroyForcibly()} loses its leases the way a
 * node does on kill -9 or power loss).
 *
 * <pre>{@code
 * Process node = ChildJvm.start(WorkerMain.class, dir.resolve("node.log"), dbFile.toString());
 * ...
 * node.destroyForcibly();
 * }</pre>
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * Starts {@code mainClass} in a new JVM with the same java binary and class path as this one. Its
   * standard output and error go to {@code log}.
   *
   * @param mainClass a class with a {@code public static void main(String[])}
   * @param log the file that receives the child's output
   * @param args the program arguments
   * @return the running process; the caller kills or waits for it
   * @throws UncheckedIOException if the process cannot be started
   */
  public static Process start(Class<?> mainClass, Path log, String... args) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx256m");
    // SQLite's driver loads a native library; newer JDKs warn unless native access is granted.
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass.getName() + " in a child JVM", e);
    }
  }

  /**
   * Kills child JVMs that may still run, as a test's cleanup, waiting up to 10 seconds for each.
   *
   * @param children the processes; ended ones are passed over
   * @throws InterruptedException if interrupted while waiting
   */
  public static void stopAll(Collection<Process> children) throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
