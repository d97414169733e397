package dev.baton.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Prints an error from a command as one line with its causes, instead of a stack trace: a bad URL
 * or an unreachable backend is the user's to fix, so the message says what, not where. Exit code 1,
 * or the exception's own when it carries one (3 for "not found" in the client commands).
 */
public final class OneLineErrors implements IExecutionExceptionHandler {
  private final String prefix;

  /**
   * Makes the handler.
   *
   * @param prefix what starts each message, such as {@code "baton: "}
   */
  public OneLineErrors(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    StringBuilder message = new StringBuilder(prefix).append(e.getMessage());
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      message.append("\n  caused by: ").append(cause);
    }
    // A driver's message may quote the URL it was given: mask it like every other line.
    cli.getErr().println(dev.baton.spi.BackendUrls.mask(message.toString()));
    return e instanceof CommandLine.IExitCodeGenerator coded ? coded.getExitCode() : 1;
  }
}
