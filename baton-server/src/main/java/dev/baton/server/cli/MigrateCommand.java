package dev.baton.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.spi.BackendUrls;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baton migrate --from URL --to URL}: copies tasks, schedules and the key-value store from
 * one backend to another, shows progress on stderr, and checks the counts at the end.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Copies tasks, schedules and key-value entries from one backend to another, then compares"
          + " counts (tasks by status, schedules, key-value entries).",
      "Stop every node on the source first: RUNNING tasks arrive QUEUED with their attempt spent."
          + " Run it again to continue after an interruption; tasks already copied are skipped.",
      "Exit codes: 0 copied and verified, 1 error or counts differ, 2 usage, 3 stopped by --max-tasks"
          + " (run again to continue)."
    })
public final class MigrateCommand implements Callable<Integer> {
  static final int STOPPED_EARLY = 3;

  @Spec private CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "URL",
      description = "The source backend URL.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "URL",
      description = "The destination backend URL.")
  String to;

  @Option(
      names = "--batch",
      defaultValue = "500",
      paramLabel = "N",
      description = "Tasks and entries per round trip (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--dry-run",
      description =
          "Read the source and say what would be copied; write nothing and do not"
              + " open the destination (opening may create it).")
  boolean dryRun;

  @Option(
      names = "--max-tasks",
      defaultValue = "0",
      paramLabel = "N",
      description = "Stop after N tasks, for a migration in slices (default: all).")
  long maxTasks;

  @Option(
      names = "--restart",
      description =
          "Ignore where an earlier run stopped and read the source from the start"
              + " (tasks already copied are skipped).")
  boolean restart;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      paramLabel = "MODE",
      description =
          "auto (a bar on a terminal, else a line every few seconds), bar, lines or none.")
  String progress;

  /** Makes the command; picocli fills in its options. */
  public MigrateCommand() {}

  @Override
  public Integer call() {
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (maxTasks < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-tasks must be 0 or more but was " + maxTasks);
    }
    if (!java.util.Set.of("auto", "bar", "lines", "none").contains(progress)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--progress must be auto, bar, lines or none but was '" + progress + "'");
    }
    if (from.equals(to)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--from and --to are the same backend");
    }
    Migration.Result result;
    long began = System.nanoTime();
    if (dryRun) {
      // Opening a store may create it (a SQLite file, a schema): a dry run only checks the URL.
      find(to, "--to");
    }
    try (TaskStore source = open(from, "--from");
        TaskStore destination = dryRun ? null : open(to, "--to")) {
      Migration migration =
          new Migration(
              source,
              destination,
              new Migration.Options(batch, dryRun, maxTasks, restart, from),
              warning -> {
                err.println("baton migrate: warning: " + warning);
                err.flush();
              });
      ScheduledExecutorService ticker = startProgress(err, migration);
      try {
        result = migration.run();
      } finally {
        if (ticker != null) {
          ticker.shutdownNow();
          draw(err, migration, true);
        }
      }
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    if (json) {
      out.println(summary(result, seconds).toPrettyString());
    } else {
      out.println(text(result, seconds));
    }
    out.flush();
    if (!result.complete()) {
      return STOPPED_EARLY;
    }
    if (!result.mismatches().isEmpty()) {
      result.mismatches().forEach(m -> err.println("baton migrate: counts differ: " + m));
      err.flush();
      return 1;
    }
    return 0;
  }

  private static TaskStore open(String url, String option) {
    try {
      return StoreProviders.open(url, new StoreContext(InstantSource.system()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private static void find(String url, String option) {
    try {
      StoreProviders.find(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private boolean barMode;
  private long lastLine;

  private ScheduledExecutorService startProgress(PrintWriter err, Migration migration) {
    if (progress.equals("none")) {
      return null;
    }
    barMode = progress.equals("bar") || progress.equals("auto") && terminal();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("baton-migrate-progress").factory());
    ticker.scheduleAtFixedRate(
        () -> draw(err, migration, false), 0, barMode ? 200 : 1000, TimeUnit.MILLISECONDS);
    return ticker;
  }

  private final long begin = System.nanoTime();

  // Console.isTerminal exists from Java 22; on 21 a console at all means a terminal.
  private static boolean terminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  private synchronized void draw(PrintWriter err, Migration migration, boolean last) {
    long now = System.nanoTime();
    if (!barMode && !last && lastLine != 0 && now - lastLine < TimeUnit.SECONDS.toNanos(5)) {
      return;
    }
    if (!last && migration.total == 0 && migration.done.get() == 0) {
      return; // still counting the source
    }
    lastLine = now;
    String line = progressLine(migration.done.get(), migration.total, (now - begin) / 1e9);
    if (barMode) {
      err.print("\r" + line + "\u001b[K" + (last ? "\n" : ""));
    } else {
      err.println("baton migrate: " + line);
    }
    err.flush();
  }

  /** {@code [#####-----] 1,200/4,000 tasks 30% 600 tasks/s ETA 5s}. */
  static String progressLine(long done, long total, double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    long shownTotal = Math.max(total, done);
    int width = 24;
    int filled = shownTotal == 0 ? width : (int) (width * done / shownTotal);
    String eta =
        rate > 0 && shownTotal > done
            ? String.format("ETA %.0fs", (shownTotal - done) / rate)
            : "ETA -";
    return String.format(
        "[%s%s] %,d/%,d tasks %3d%%  %,.0f tasks/s  %s",
        "#".repeat(filled),
        "-".repeat(width - filled),
        done,
        shownTotal,
        shownTotal == 0 ? 100 : done * 100 / shownTotal,
        rate,
        eta);
  }

  private ObjectNode summary(Migration.Result r, double seconds) {
    ObjectNode n = ClientOptions.JSON.createObjectNode();
    n.put("from", BackendUrls.mask(from));
    n.put("to", BackendUrls.mask(to));
    n.put("dryRun", dryRun);
    n.put("complete", r.complete());
    ObjectNode tasks = n.putObject("tasks");
    tasks.put("total", r.total());
    tasks.put("scanned", r.scanned());
    tasks.put("inserted", r.inserted());
    tasks.put("skipped", r.skipped());
    tasks.put("runningRequeued", r.requeued());
    if (r.resumedAfter() >= 0) {
      tasks.put("resumedAfterSequence", r.resumedAfter());
    }
    n.put("schedules", r.schedules());
    n.put("kvEntries", r.kvEntries());
    if (dryRun && r.source() != null) {
      n.set("wouldCopy", counts(r.source()));
    } else if (r.source() != null) {
      ObjectNode verify = n.putObject("verify");
      verify.put("ok", r.mismatches().isEmpty());
      verify.set("source", counts(r.source()));
      verify.set("destination", counts(r.destination()));
      verify.set("mismatches", ClientOptions.JSON.valueToTree(r.mismatches()));
    }
    n.set("warnings", ClientOptions.JSON.valueToTree(r.warnings()));
    n.put("seconds", Math.round(seconds * 1000) / 1000.0);
    return n;
  }

  private static ObjectNode counts(Migration.Counts c) {
    ObjectNode n = ClientOptions.JSON.createObjectNode();
    n.set("tasks", ClientOptions.JSON.valueToTree(Migration.byName(c.tasks())));
    n.put("schedules", c.schedules());
    n.put("kvEntries", c.kvEntries());
    return n;
  }

  private String text(Migration.Result r, double seconds) {
    StringBuilder s = new StringBuilder();
    if (r.resumedAfter() >= 0) {
      s.append("Continued after source sequence ")
          .append(r.resumedAfter())
          .append(", where an earlier run stopped (--restart reads from the start).\n");
    }
    if (dryRun) {
      s.append(
          String.format(
              "Dry run: would copy %,d of %,d tasks (%,d RUNNING would arrive QUEUED), %,d schedules, %,d key-value"
                  + " entries; read in %.1f s",
              r.scanned(), r.total(), r.requeued(), r.schedules(), r.kvEntries(), seconds));
      if (r.source() != null) {
        s.append("\nSource:      ").append(describe(r.source()));
      }
      s.append("\nNothing was written; the destination ")
          .append(BackendUrls.mask(to))
          .append(" was not opened.");
      if (!r.complete()) {
        s.append("\nStopped after --max-tasks ").append(maxTasks).append('.');
      }
      return s.toString();
    }
    s.append("Copied ")
        .append(
            String.format(
                "%,d of %,d tasks (%,d new, %,d already there, %,d RUNNING arrived QUEUED), %,d schedules, %,d key-value entries in %.1f s",
                r.scanned(),
                r.total(),
                r.inserted(),
                r.skipped(),
                r.requeued(),
                r.schedules(),
                r.kvEntries(),
                seconds));
    if (!r.complete()) {
      s.append("\nStopped after --max-tasks ")
          .append(maxTasks)
          .append("; run the same command again to continue.");
    } else if (r.source() != null) {
      s.append("\nSource:      ").append(describe(r.source()));
      s.append("\nDestination: ").append(describe(r.destination()));
      s.append(
          r.mismatches().isEmpty()
              ? "\nVerified: the counts match."
              : "\nCounts DIFFER: " + String.join("; ", r.mismatches()));
    }
    return s.toString();
  }

  private static String describe(Migration.Counts c) {
    return Migration.byName(c.tasks())
        + ", "
        + c.schedules()
        + " schedules, "
        + c.kvEntries()
        + " key-value entries";
  }
}
