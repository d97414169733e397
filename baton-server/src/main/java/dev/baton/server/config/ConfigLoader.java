package dev.baton.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.server.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link ServerConfig} from three layers: a YAML file, then {@code BATON_*} environment
 * variables, then command-line flags, each overriding the one before. Unknown keys and bad values
 * are refused with the key's path and where it came from.
 *
 * <pre>{@code
 * backend: sqlite:data/baton.db
 * workers: 16
 * shutdown-grace: 5m
 * server:
 *   port: 8080
 *   token-file: /run/secrets/baton-token
 * tasks:                      # see TasksConfig
 *   http:
 *     allow: ["10.1.2.3/32"]
 * }</pre>
 *
 * <p>{@code server.token-file} names a file whose content (trimmed) is the token; it and {@code
 * server.token} exclude each other. The scoped tokens {@code server.work-token} and {@code
 * server.enqueue-token} read the same way, each with its own {@code -file} key.
 */
public final class ConfigLoader {
  /** Every key, dotted; the environment variable is {@code BATON_} plus the key upper-cased. */
  public static final List<String> KEYS =
      List.of(
          "backend",
          "workers",
          "queues",
          "shutdown-grace",
          "server.host",
          "server.port",
          "server.token",
          "server.token-file",
          "server.allow-unauthenticated-remote",
          "server.allowed-origins",
          "server.allowed-hosts",
          "server.max-body-bytes",
          "metrics.enabled",
          "plugins.dir",
          "retention",
          "purge-period",
          "scheduler.min-interval",
          "server.work-token",
          "server.work-token-file",
          "server.enqueue-token",
          "server.enqueue-token-file",
          "server.workers.heartbeat-interval",
          "server.workers.missed-heartbeats",
          "server.workers.max-wait",
          "server.workers.types");

  private static final List<String> LISTS =
      List.of("queues", "server.allowed-origins", "server.allowed-hosts", "server.workers.types");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param file the YAML file, or null for none
   * @param env the environment, usually {@link System#getenv()}
   * @param flags values given as flags, by dotted key
   * @return the configuration
   * @throws IllegalArgumentException naming the key and its source when a key is unknown or a value
   *     is bad
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    Map<String, Sourced> values = new LinkedHashMap<>();
    JsonNode tasks = file == null ? null : readYaml(file, values);
    for (String key : KEYS) {
      String value = env.get(envName(key));
      if (value != null) {
        values.put(key, new Sourced(value, "environment variable " + envName(key)));
      }
    }
    flags.forEach(
        (key, value) -> {
          if (value != null) {
            values.put(key, new Sourced(value, "flag"));
          }
        });
    ServerConfig d = ServerConfig.defaults();
    return new ServerConfig(
        text(values, "backend", d.backend()),
        text(values, "server.host", d.host()),
        integer(values, "server.port", d.port()),
        token(values, "server.token"),
        integer(values, "server.max-body-bytes", d.maxBodyBytes()),
        integer(values, "workers", d.workers()),
        duration(values, "shutdown-grace", d.shutdownGrace()),
        bool(values, "metrics.enabled", d.metrics()),
        queues(values, d.queues()),
        text(values, "plugins.dir", d.pluginsDir()),
        retention(values, d.retention()),
        checked(values, "purge-period", duration(values, "purge-period", d.purgePeriod())),
        minInterval(values, d.minInterval()),
        TasksConfig.load(tasks, String.valueOf(file), moved(env), flags),
        bool(values, "server.allow-unauthenticated-remote", d.allowUnauthenticatedRemote()),
        list(values, "server.allowed-origins"),
        list(values, "server.allowed-hosts"),
        token(values, "server.work-token"),
        token(values, "server.enqueue-token"),
        duration(values, "server.workers.heartbeat-interval", d.heartbeatInterval()),
        integer(values, "server.workers.missed-heartbeats", d.missedHeartbeats()),
        duration(values, "server.workers.max-wait", d.maxWait()),
        list(values, "server.workers.types"));
  }

  /**
   * The environment variable for a key: {@code server.max-body-bytes} is {@code
   * BATON_SERVER_MAX_BODY_BYTES}.
   *
   * @param key the dotted key
   * @return the variable's name
   */
  public static String envName(String key) {
    return "BATON_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The old shell keys let any arguments through; refuse them rather than ignore them. */
  private static Map<String, String> moved(Map<String, String> env) {
    for (String old : List.of("BATON_SHELL_ENABLED", "BATON_SHELL_ALLOW")) {
      if (env.containsKey(old)) {
        throw new IllegalArgumentException(
            old
                + " is gone: use BATON_TASKS_"
                + old.substring(6)
                + " (tasks.shell.* fixes each command's arguments; see docs/server.md)");
      }
    }
    return env;
  }

  /** Reads the file into values, all but the {@code tasks} block, which it returns (or null). */
  private static JsonNode readYaml(Path file, Map<String, Sourced> values) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the config file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return null;
    }
    JsonNode tasks =
        root.isObject()
            ? ((com.fasterxml.jackson.databind.node.ObjectNode) root).remove("tasks")
            : null;
    if (root.has("shell")) {
      throw new IllegalArgumentException(
          file
              + ": 'shell' moved to 'tasks.shell', where each command's arguments"
              + " are fixed; see docs/server.md");
    }
    flatten("", root, file, values);
    return tasks;
  }

  private static void flatten(
      String prefix, JsonNode node, Path file, Map<String, Sourced> values) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(file + ": '" + prefix + "' must be a section of keys");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (field.getValue().isObject() && KEYS.stream().anyMatch(k -> k.startsWith(key + "."))) {
        flatten(key, field.getValue(), file, values);
      } else if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            file + ": unknown key '" + key + "'; known keys: " + KEYS);
      } else if (field.getValue().isArray() && LISTS.contains(key)) {
        List<String> names = new java.util.ArrayList<>();
        field.getValue().forEach(n -> names.add(n.asText()));
        values.put(key, new Sourced(String.join(",", names), file.toString()));
      } else if (field.getValue().isContainerNode()) {
        throw new IllegalArgumentException(file + ": '" + key + "' must be a single value");
      } else if (!field.getValue().isNull()) {
        values.put(key, new Sourced(field.getValue().asText(), file.toString()));
      }
    }
  }

  private static String text(Map<String, Sourced> values, String key, String fallback) {
    Sourced s = values.get(key);
    return s == null ? fallback : s.value;
  }

  /** A token itself, or read from the file a secret store mounts ({@code key-file}); never both. */
  private static String token(Map<String, Sourced> values, String key) {
    Sourced token = values.get(key);
    Sourced file = values.get(key + "-file");
    if (file == null) {
      return token == null ? null : token.value;
    }
    if (token != null) {
      throw new IllegalArgumentException(
          "set "
              + key
              + " (from "
              + token.source
              + ") or "
              + key
              + "-file (from "
              + file.source
              + "), not both");
    }
    String text;
    try {
      text = Files.readString(Path.of(file.value.trim())).strip();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          key
              + "-file: cannot read '"
              + file.value
              + "' (from "
              + file.source
              + "): "
              + e.getMessage(),
          e);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          key + "-file: '" + file.value + "' (from " + file.source + ") is empty");
    }
    return text;
  }

  private static List<String> list(Map<String, Sourced> values, String key) {
    Sourced s = values.get(key);
    return s == null
        ? List.of()
        : java.util.Arrays.stream(s.value.split(","))
            .map(String::trim)
            .filter(v -> !v.isEmpty())
            .toList();
  }

  private static int integer(Map<String, Sourced> values, String key, int fallback) {
    Sourced s = values.get(key);
    try {
      return s == null ? fallback : Integer.parseInt(s.value.trim());
    } catch (NumberFormatException e) {
      throw bad(key, s, "an integer");
    }
  }

  private static List<String> queues(Map<String, Sourced> values, List<String> fallback) {
    Sourced s = values.get("queues");
    if (s == null) {
      return fallback;
    }
    List<String> names =
        java.util.Arrays.stream(s.value.split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .toList();
    for (String name : names) {
      if (!name.matches("[A-Za-z0-9_.:\\-]{1,100}")) {
        throw bad("queues", s, "a list of queue names (letters, digits, _ - . :)");
      }
    }
    return names;
  }

  private static boolean bool(Map<String, Sourced> values, String key, boolean fallback) {
    Sourced s = values.get(key);
    if (s == null) {
      return fallback;
    }
    return switch (s.value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, s, "true or false");
    };
  }

  private static Duration duration(Map<String, Sourced> values, String key, Duration fallback) {
    Sourced s = values.get(key);
    if (s == null) {
      return fallback;
    }
    try {
      return Durations.parse(s.value);
    } catch (IllegalArgumentException e) {
      throw bad(key, s, "a duration from 0 to 100 years such as 30s, 5m or PT5M");
    }
  }

  /** {@code forever} keeps finished tasks for good. */
  private static Duration retention(Map<String, Sourced> values, Duration fallback) {
    Sourced s = values.get("retention");
    if (s != null && s.value.trim().equalsIgnoreCase("forever")) {
      return java.time.temporal.ChronoUnit.FOREVER.getDuration();
    }
    return checked(values, "retention", duration(values, "retention", fallback));
  }

  private static Duration minInterval(Map<String, Sourced> values, Duration fallback) {
    Duration value = duration(values, "scheduler.min-interval", fallback);
    if (value.compareTo(Duration.ofMillis(1)) < 0) {
      throw bad("scheduler.min-interval", values.get("scheduler.min-interval"), "at least 1ms");
    }
    return value;
  }

  /** Range checks with the value's source in the message, as for a malformed value. */
  private static Duration checked(Map<String, Sourced> values, String key, Duration value) {
    Duration least = key.equals("retention") ? Duration.ofSeconds(1) : Duration.ofMillis(10);
    if (value.compareTo(least) < 0) {
      throw bad(key, values.get(key), "at least " + (key.equals("retention") ? "1s" : "10ms"));
    }
    return value;
  }

  private static IllegalArgumentException bad(String key, Sourced s, String expected) {
    return new IllegalArgumentException(
        key + " must be " + expected + " but was '" + s.value + "' (from " + s.source + ")");
  }

  private record Sourced(String value, String source) {}
}
