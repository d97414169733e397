package dev.baton.server.tasks;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the {@code shell} task type ({@code tasks.shell.*} in the server's configuration).
 * Each allowed command fixes its arguments; a task fills only the {@code {placeholders}} in them,
 * each value checked against its pattern. The child gets an environment built from these settings
 * alone: nothing of the server's own environment unless {@code inheritEnv} names it.
 *
 * @param allow the commands tasks may run; empty leaves the type off
 * @param env variables set in every child's environment
 * @param inheritEnv names of the server's environment variables the child gets too
 * @param path the child's {@code PATH}, and where a command without a slash is looked up
 */
public record ShellTaskSettings(
    List<Entry> allow, Map<String, String> env, List<String> inheritEnv, String path) {
  /** The {@code PATH} a child gets unless configured. */
  public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

  /** What a placeholder's value must match unless its entry says otherwise. */
  public static final String DEFAULT_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]{1,64})}");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public ShellTaskSettings {
    allow = allow == null ? List.of() : List.copyOf(allow);
    env = env == null ? Map.of() : Map.copyOf(env);
    inheritEnv = inheritEnv == null ? List.of() : List.copyOf(inheritEnv);
    path = path == null || path.isBlank() ? DEFAULT_PATH : path;
    Set<String> names = new HashSet<>();
    for (Entry entry : allow) {
      if (!names.add(entry.name())) {
        throw new IllegalArgumentException(
            "tasks.shell.allow lists '" + entry.name() + "' twice; give one a name");
      }
    }
    for (String name : env.keySet()) {
      require(VARIABLE.matcher(name).matches(), "tasks.shell.env", name);
    }
    for (String name : inheritEnv) {
      require(name != null && VARIABLE.matcher(name).matches(), "tasks.shell.inherit-env", name);
    }
  }

  /**
   * Settings with commands that take no arguments, the default {@code PATH} and no other variables.
   *
   * @param commands the commands, such as {@code /usr/local/bin/rotate-logs}
   * @return the settings
   * @throws IllegalArgumentException if a command is blank or listed twice
   */
  public static ShellTaskSettings of(List<String> commands) {
    return new ShellTaskSettings(
        commands.stream().map(c -> new Entry(null, c, null, null)).toList(), null, null, null);
  }

  private static void require(boolean ok, String key, String value) {
    if (!ok) {
      throw new IllegalArgumentException(key + ": '" + value + "' is not a variable name");
    }
  }

  /**
   * One allowed command.
   *
   * <pre>{@code
   * - name: backup
   *   command: /usr/bin/tar
   *   args: ["czf", "/backups/{name}.tgz", "/data"]
   *   params: {name: "[a-z0-9-]{1,40}"}
   * }</pre>
   *
   * @param name what a task's {@code command} names; the command itself when null
   * @param command the program, best an absolute path; never run through a shell
   * @param args its arguments, fixed but for {@code {placeholders}}; none when null
   * @param params a pattern per placeholder (whole-value regular expression); a placeholder without
   *     one must match {@link #DEFAULT_PATTERN}. No value may start with {@code -}, whatever its
   *     pattern says.
   */
  public record Entry(String name, String command, List<String> args, Map<String, String> params) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if the command is blank, a pattern does not compile, or a
     *     pattern names no placeholder of the arguments
     */
    public Entry {
      if (command == null || command.isBlank() || command.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("tasks.shell.allow: an entry has no command");
      }
      name = name == null || name.isBlank() ? command : name;
      args = args == null ? List.of() : List.copyOf(args);
      Map<String, String> patterns = new LinkedHashMap<>();
      for (String arg : args) {
        Matcher m = PLACEHOLDER.matcher(arg);
        while (m.find()) {
          patterns.put(m.group(1), DEFAULT_PATTERN);
        }
      }
      if (params != null) {
        for (Map.Entry<String, String> p : params.entrySet()) {
          if (!patterns.containsKey(p.getKey())) {
            throw new IllegalArgumentException(
                "tasks.shell.allow '"
                    + name
                    + "': params names '"
                    + p.getKey()
                    + "' but no argument holds {"
                    + p.getKey()
                    + "}");
          }
          try {
            Pattern.compile(p.getValue());
          } catch (PatternSyntaxException | NullPointerException e) {
            throw new IllegalArgumentException(
                "tasks.shell.allow '"
                    + name
                    + "': the pattern of '"
                    + p.getKey()
                    + "' is not a regular expression: "
                    + p.getValue(),
                e);
          }
          patterns.put(p.getKey(), p.getValue());
        }
      }
      params = Map.copyOf(patterns);
    }

    /** The argument list with the values in, or an IllegalArgumentException saying which is bad. */
    List<String> argv(Map<String, String> values) {
      Map<String, String> given = values == null ? Map.of() : values;
      for (String key : given.keySet()) {
        if (!params.containsKey(key)) {
          throw new IllegalArgumentException(
              "'" + name + "' takes no parameter '" + key + "' (it takes " + params.keySet() + ")");
        }
      }
      for (Map.Entry<String, String> p : params.entrySet()) {
        String value = given.get(p.getKey());
        if (value == null) {
          throw new IllegalArgumentException(
              "'" + name + "' needs the parameter '" + p.getKey() + "'");
        }
        if (value.startsWith("-") || !value.matches(p.getValue())) {
          throw new IllegalArgumentException(
              "'"
                  + name
                  + "': parameter '"
                  + p.getKey()
                  + "' must match "
                  + p.getValue()
                  + " and not start with '-'");
        }
      }
      return args.stream()
          .map(
              arg ->
                  PLACEHOLDER
                      .matcher(arg)
                      .replaceAll(m -> Matcher.quoteReplacement(given.get(m.group(1)))))
          .toList();
    }
  }
}
