package dev.baton.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton bench}: listed here so that {@code baton --help} shows it, but the load tool ships
 * in its own jar (it brings JMH along); the {@code ./baton} launcher runs that jar directly.
 */
@Command(
    name = "bench",
    description =
        "Runs the load tool (throughput and latency per backend). Use ./baton bench --help.")
public final class BenchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(hidden = true)
  private String[] ignored;

  /** Makes the command; picocli fills in its options. */
  public BenchCommand() {}

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "baton bench: the load tool lives in baton-bench.jar. Run it with the launcher at the"
                + " repository root, e.g.\n  ./baton bench --backend memory: --workload all");
    return 2;
  }
}
