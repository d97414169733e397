package dev.baton.server.cli;

import ch.qos.logback.classic.Level;
import dev.baton.Baton;
import dev.baton.TaskId;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code baton demo}: the first thing a new user runs. Starts Baton on embedded SQLite with nothing
 * to set up, enqueues a batch of small tasks while the workers run them, shows live progress and
 * ends with throughput and enqueue-to-start latency.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Runs Baton on embedded SQLite with nothing to set up: enqueues small tasks while workers run"
          + " them, then prints throughput and enqueue-to-start latency.",
      "Exit code 0 when every task succeeded."
    })
public final class DemoCommand implements Callable<Integer> {
  /** The demo's own database file, relative to the working directory; recreated on every run. */
  public static final String DEFAULT_FILE = "data/demo.db";

  private static final int BATCH = 1_000;

  /** Tasks run one at a time after the batch, to show latency on an idle instance. */
  static final int PROBES = 200;

  /**
   * The demo task's payload.
   *
   * @param n which task of the run this is
   * @param enqueuedNanos {@link System#nanoTime()} just before the task was enqueued
   */
  public record Square(int n, long enqueuedNanos) {}

  @Spec private CommandSpec spec;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description =
          "Backend URL, e.g. memory: or sqlite:/tmp/demo.db. Default: sqlite:"
              + DEFAULT_FILE
              + ", made afresh on every run.")
  private String backend;

  @Option(
      names = "--tasks",
      defaultValue = "20000",
      description = "How many tasks to run (default: ${DEFAULT-VALUE}).")
  private int tasks;

  @Option(
      names = "--workers",
      defaultValue = "32",
      description = "Handlers that run at once (default: ${DEFAULT-VALUE}).")
  private int workers;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description = "Give up when the tasks are not all done by then (default: 2 minutes).",
      converter = DurationConverter.class)
  private Duration timeout;

  @Option(
      names = "--progress",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Show a live progress line on stderr (default: on).")
  private boolean progress;

  /** Makes the command; picocli fills in its options. */
  public DemoCommand() {}

  @Override
  public Integer call() throws IOException {
    if (tasks < 1) {
      throw new ParameterException(
          spec.commandLine(), "--tasks must be at least 1 but was " + tasks);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String url = backend != null ? backend : defaultBackend(err);
    // The engine's start/stop lines are for servers; here they would only clutter the demo.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.baton")).setLevel(Level.WARN);

    // A queue of its own per run, so that tasks an earlier, interrupted run left in a shared
    // backend are neither run nor counted by this one.
    String queue = "demo-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    TaskType<Square> type = TaskType.of("demo.square", Square.class).withQueue(queue);
    DemoRun run = new DemoRun(queue, tasks, PROBES);
    try (Baton baton =
        Baton.builder()
            .backend(url)
            .handle(
                type,
                (square, ctx) -> {
                  run.started(square.n(), square.enqueuedNanos());
                  return (long) square.n() * square.n();
                })
            .workers(workers)
            .listener(run)
            .start()) {
      String durability = DurabilityLabel.describe(url, baton.backend().capabilities());
      String shown = dev.baton.spi.BackendUrls.mask(url);
      out.printf(
          "Baton demo: %,d tasks on %s (%s), %d workers%n", tasks, shown, durability, workers);
      out.flush();
      Progress line = progress ? Progress.start(err, run::done, tasks) : null;
      try {
        enqueue(baton, type, run);
        if (!run.await(timeout)) {
          out.printf(
              "Only %,d of %,d tasks were done after %s; giving up.%n", run.done(), tasks, timeout);
          return 1;
        }
      } finally {
        if (line != null) {
          line.stop();
        }
      }
      probe(baton, type);
      run.printSummary(out, shown, durability, workers);
      return run.failed() == 0 ? 0 : 1;
    }
  }

  private void enqueue(Baton baton, TaskType<Square> type, DemoRun run) {
    run.begin();
    List<TaskRequest> batch = new ArrayList<>(BATCH);
    for (int n = 0; n < tasks; ) {
      batch.clear();
      long stamp = System.nanoTime();
      for (int end = Math.min(tasks, n + BATCH); n < end; n++) {
        batch.add(TaskRequest.of(type, new Square(n, stamp)));
      }
      baton.enqueueAll(batch);
    }
    run.enqueued();
  }

  /** One task at a time, each awaited before the next: latency with no backlog ahead of it. */
  private void probe(Baton baton, TaskType<Square> type) {
    for (int n = tasks; n < tasks + PROBES; n++) {
      TaskId id = baton.enqueue(type, new Square(n, System.nanoTime())).id();
      baton.task(id).awaitDone(timeout);
    }
  }

  /** The demo's own SQLite file, fresh, or memory when this build has no SQLite backend. */
  private static String defaultBackend(PrintWriter err) throws IOException {
    if (!DurabilityLabel.hasScheme("sqlite")) {
      err.println("(This build has no SQLite backend yet; the demo runs on memory: instead.)");
      return "memory:";
    }
    Path file = Path.of(DEFAULT_FILE);
    Files.createDirectories(file.toAbsolutePath().getParent());
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(Path.of(DEFAULT_FILE + suffix));
    }
    return "sqlite:" + DEFAULT_FILE;
  }
}
