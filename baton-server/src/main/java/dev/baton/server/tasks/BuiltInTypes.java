package dev.baton.server.tasks;

import dev.baton.BatonBuilder;
import dev.baton.TaskType;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * The task types the server handles out of the box:
 *
 * <ul>
 *   <li>{@code http}: calls a URL (see {@link HttpCall}); 5xx and network errors retry, 4xx fail
 *       at once, 429 waits as long as its {@code Retry-After} says; the result is the status and
 *       the start of the body.
 *   <li>{@code echo}: succeeds with its payload as the result, for smoke tests.
 *   <li>{@code noop}: succeeds with no result.
 *   <li>{@code shell}: only when {@link #addShell} turns it on; runs an allowed command (see {@link
 *       ShellCommand}) without a shell; exit 0 succeeds with the trimmed output.
 * </ul>
 */
public final class BuiltInTypes {
  /** The {@code http} task type. */
  public static final TaskType<HttpCall> HTTP = TaskType.of("http", HttpCall.class);

  /** The {@code echo} task type: any JSON payload, returned as the result. */
  public static final TaskType<Object> ECHO = TaskType.of("echo", Object.class);

  /** The {@code noop} task type: any JSON payload, ignored. */
  public static final TaskType<Object> NOOP = TaskType.of("noop", Object.class);

  /** The {@code shell} task type, registered only by {@link #addShell}. */
  public static final TaskType<ShellCommand> SHELL = TaskType.of("shell", ShellCommand.class);

  private BuiltInTypes() {}

  /**
   * Turns on the {@code shell} type for a list of commands.
   *
   * @param builder the builder
   * @param allowed the commands tasks may run, such as {@code /usr/bin/rsync} or {@code echo}
   * @return the same builder
   * @throws IllegalArgumentException if the list is empty or the builder already handles shell
   */
  public static BatonBuilder addShell(BatonBuilder builder, java.util.Collection<String> allowed) {
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("shell.allow must list at least one command when shell.enabled is true");
    }
    return builder.handle(SHELL, new ShellHandler(java.util.Set.copyOf(allowed)));
  }

  /**
   * Adds the built-in handlers to a builder.
   *
   * @param builder the builder
   * @return the same builder
   * @throws IllegalArgumentException if the builder already handles one of the names
   */
  public static BatonBuilder addTo(BatonBuilder builder) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return builder
        .handle(HTTP, new HttpHandler(client))
        .handle(ECHO, (payload, ctx) -> payload)
        .handle(NOOP, (payload, ctx) -> null);
  }

  /**
   * The {@code http} task's payload.
   *
   * @param method the HTTP method; GET when null
   * @param url the absolute http or https URL
   * @param headers request headers, or null
   * @param body the request body as text, or null for none
   * @param timeout the longest wait for the response, ISO-8601 or {@code 30s}; 30 seconds when
   *     null
   */
  public record HttpCall(
      String method, String url, Map<String, String> headers, String body, String timeout) {}

  /**
   * The {@code shell} task's payload.
   *
   * @param command the command, exactly as listed in {@code shell.allow}
   * @param args its arguments, or null
   * @param timeout ISO-8601 limit, 5 minutes when null; the process is killed after it
   */
  public record ShellCommand(String command, java.util.List<String> args, String timeout) {}
}
