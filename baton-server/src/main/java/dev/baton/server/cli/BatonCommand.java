package dev.baton.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code baton} command: the entry point of the runnable jar. Subcommands do the work; {@code
 * baton --help} lists them.
 */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = "Baton: a task queue and scheduler for the JVM.",
    subcommands = {
      ServerCommand.class,
      ServerCommand.WorkerCommand.class,
      TaskCommands.Enqueue.class,
      TaskCommands.Status.class,
      TaskCommands.Cancel.class,
      TaskCommands.Retry.class,
      ScheduleCommands.class,
      KvCommands.class,
      QueueCommands.class,
      MigrateCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class BatonCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** Makes the command; picocli fills in its options. */
  public BatonCommand() {}

  /**
   * Runs the {@code baton} command line and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with every subcommand, for running in-process (tests, embedding). Errors from
   * a command print as one line with their causes instead of a stack trace.
   *
   * @return a fresh command line
   */
  public static CommandLine commandLine() {
    return new CommandLine(new BatonCommand())
        .setExecutionExceptionHandler(new OneLineErrors("baton: "));
  }

  /** With no subcommand, shows the usage: there is nothing sensible to do by default. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
