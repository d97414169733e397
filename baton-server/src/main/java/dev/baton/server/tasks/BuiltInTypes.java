package dev.baton.server.tasks;

import dev.baton.BatonBuilder;
import dev.baton.TaskType;
import dev.baton.server.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The task types the server handles out of the box:
 *
 * <ul>
 *   <li>{@code http}: calls a URL (see {@link HttpCall}) unless it, or a redirect, leads to a
 *       loopback, private, link-local or metadata address that {@link HttpTaskSettings} does not
 *       allow; 5xx and network errors retry, 4xx fail at once, 429 waits as long as its {@code
 *       Retry-After} says; the result is the status and the start of the body.
 *   <li>{@code echo}: succeeds with its payload as the result, for smoke tests.
 *   <li>{@code noop}: succeeds with no result.
 *   <li>{@code shell}: only when {@link #addShell} turns it on; runs an allowed command with the
 *       arguments its entry fixes (see {@link ShellTaskSettings}) without a shell, in an
 *       environment of its own; exit 0 succeeds with the trimmed output.
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
   * Turns on the {@code shell} type for commands that take no arguments, with the default {@code
   * PATH} and nothing else in the environment.
   *
   * @param builder the builder
   * @param allowed the commands tasks may run, such as {@code /usr/local/bin/rotate-logs}
   * @return the same builder
   * @throws IllegalArgumentException if the list is empty or the builder already handles shell
   */
  public static BatonBuilder addShell(BatonBuilder builder, Collection<String> allowed) {
    return addShell(builder, ShellTaskSettings.of(List.copyOf(allowed)));
  }

  /**
   * Turns on the {@code shell} type.
   *
   * @param builder the builder
   * @param settings the allowed commands and the children's environment
   * @return the same builder
   * @throws IllegalArgumentException if no command is allowed or the builder already handles shell
   */
  public static BatonBuilder addShell(BatonBuilder builder, ShellTaskSettings settings) {
    if (settings.allow().isEmpty()) {
      throw new IllegalArgumentException(
          "tasks.shell.allow must list at least one command when tasks.shell.enabled is true");
    }
    return builder.handle(SHELL, new ShellHandler(settings));
  }

  /**
   * Adds the built-in handlers to a builder; {@code http} tasks may call public addresses only.
   *
   * @param builder the builder
   * @return the same builder
   * @throws IllegalArgumentException if the builder already handles one of the names
   */
  public static BatonBuilder addTo(BatonBuilder builder) {
    return addTo(builder, HttpTaskSettings.defaults());
  }

  /**
   * Adds the built-in handlers to a builder.
   *
   * @param builder the builder
   * @param http what {@code http} tasks may call besides public addresses, and how much of a body
   *     they keep
   * @return the same builder
   * @throws IllegalArgumentException if the builder already handles one of the names
   */
  public static BatonBuilder addTo(BatonBuilder builder, HttpTaskSettings http) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
    return builder
        .handle(HTTP, new HttpHandler(client, http))
        .handle(ECHO, (payload, ctx) -> payload)
        .handle(NOOP, (payload, ctx) -> null);
  }

  /**
   * The {@code http} task's payload, checked when it is made, so that a bad one is refused at
   * enqueue (400 over REST).
   *
   * @param method GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS in any case; GET when null
   * @param url the absolute http or https URL with a host
   * @param headers request headers, or null; names are tokens, values hold no CR, LF or NUL, and
   *     Host, Connection, Content-Length, Expect and Upgrade are the client's
   * @param body the request body as text, or null for none
   * @param timeout the longest wait for the response, {@code 30s} or ISO-8601 {@code PT30S}, 100ms
   *     to 10 minutes; 30 seconds when null
   */
  public record HttpCall(
      String method, String url, Map<String, String> headers, String body, String timeout) {
    static final Set<String> SCHEMES = Set.of("http", "https");
    static final Set<String> METHODS =
        Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> CLIENT_HEADERS =
        Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z\\-]{1,256}");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming the field that is bad
     */
    public HttpCall {
      method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
      if (!METHODS.contains(method)) {
        throw new IllegalArgumentException(
            "method must be one of " + new TreeSet<>(METHODS) + " but was '" + method + "'");
      }
      URI uri;
      try {
        uri = url == null ? null : new URI(url);
      } catch (URISyntaxException e) {
        uri = null;
      }
      if (uri == null
          || uri.getScheme() == null
          || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "url must be an absolute http or https URL with a host but was '"
                + dev.baton.spi.BackendUrls.mask(url)
                + "'");
      }
      if (headers != null) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
          String name = header.getKey();
          if (name == null
              || !TOKEN.matcher(name).matches()
              || CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                "headers: '" + name + "' is not a header a task may set");
          }
          String value = header.getValue();
          if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException(
                "headers: the value of '" + name + "' must be text without CR, LF or NUL");
          }
        }
        headers = Map.copyOf(headers);
      }
      timeout(timeout);
    }

    static Duration timeout(String text) {
      return text == null || text.isBlank()
          ? DEFAULT_TIMEOUT
          : within("timeout", text, Duration.ofMillis(100), Duration.ofMinutes(10));
    }
  }

  /**
   * The {@code shell} task's payload, checked when it is made, so that a bad one is refused at
   * enqueue (400 over REST). Whether the command is allowed and the parameters fit its patterns
   * depends on the running server's settings and is checked when the task runs (a failure for
   * good).
   *
   * @param command the name of an entry in {@code tasks.shell.allow}
   * @param params the values of its arguments' placeholders, or null; none may start with {@code -}
   *     or hold NUL, CR or LF
   * @param timeout the run's limit, {@code 30s} or ISO-8601 {@code PT30S}, 100ms to 24 hours; 5
   *     minutes when null; the process is killed after it
   */
  public record ShellCommand(String command, Map<String, String> params, String timeout) {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException naming the field that is bad
     */
    public ShellCommand {
      if (command == null || command.isBlank() || command.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("command must name an entry of tasks.shell.allow");
      }
      if (params != null) {
        for (Map.Entry<String, String> p : params.entrySet()) {
          String value = p.getValue();
          if (value == null
              || value.startsWith("-")
              || value.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
            throw new IllegalArgumentException(
                "params: '"
                    + p.getKey()
                    + "' must be text that does not start with '-' and holds no NUL, CR or LF");
          }
        }
        params = Map.copyOf(params);
      }
      timeout(timeout);
    }

    /**
     * Shorthand for a command that takes no parameters.
     *
     * @param command the name of an entry in {@code tasks.shell.allow}
     * @throws IllegalArgumentException if the command is blank
     */
    public ShellCommand(String command) {
      this(command, null, null);
    }

    static Duration timeout(String text) {
      return text == null || text.isBlank()
          ? DEFAULT_TIMEOUT
          : within("timeout", text, Duration.ofMillis(100), Duration.ofHours(24));
    }
  }

  private static Duration within(String field, String text, Duration least, Duration most) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " must be a duration such as 30s or PT30S but was '" + text + "'");
    }
    if (d.compareTo(least) < 0 || d.compareTo(most) > 0) {
      throw new IllegalArgumentException(
          field + " must be between " + least + " and " + most + " but was '" + text + "'");
    }
    return d;
  }
}
