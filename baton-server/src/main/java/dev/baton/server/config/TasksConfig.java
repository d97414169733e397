package dev.baton.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.server.tasks.HttpTaskSettings;
import dev.baton.server.tasks.ShellTaskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tasks:} block of the configuration: settings of the built-in {@code http} and {@code
 * shell} task types. Lists and maps come from YAML, or from an environment variable or flag as JSON
 * ({@code [...]}, <code>{...}</code>) or, for plain lists, comma-separated text.
 *
 * <pre>{@code
 * tasks:
 *   http:
 *     allow: ["127.0.0.1/32", "hooks.internal.example"]
 *   shell:
 *     enabled: true
 *     allow:
 *       - command: /usr/bin/tar
 *         args: ["czf", "/backups/{name}.tgz", "/data"]
 *         params: {name: "[a-z0-9-]{1,40}"}
 *     env: {LANG: C.UTF-8}
 *     inherit-env: [TZ]
 * }</pre>
 *
 * @param http the {@code http} type's settings
 * @param shell the {@code shell} type's settings; no allowed command leaves the type off
 */
public record TasksConfig(HttpTaskSettings http, ShellTaskSettings shell) {
  /** Every key of the block, dotted. */
  public static final List<String> KEYS =
      List.of(
          "tasks.http.allow",
          "tasks.http.result-chars",
          "tasks.shell.enabled",
          "tasks.shell.allow",
          "tasks.shell.env",
          "tasks.shell.inherit-env",
          "tasks.shell.path");

  private static final ObjectMapper JSON =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  /** Fills in nulls: public addresses only for http, shell off. */
  public TasksConfig {
    http = http == null ? HttpTaskSettings.defaults() : http;
    shell = shell == null ? ShellTaskSettings.of(List.of()) : shell;
  }

  /**
   * The defaults: {@code http} calls public addresses only, {@code shell} is off.
   *
   * @return the defaults
   */
  public static TasksConfig defaults() {
    return new TasksConfig(null, null);
  }

  /**
   * Reads the block from its three layers.
   *
   * @param yaml the {@code tasks} node of the file, or null
   * @param file the file's name for messages, or null
   * @param env the environment ({@code BATON_TASKS_HTTP_ALLOW}...)
   * @param flags values given as flags, by dotted key
   * @return the settings
   * @throws IllegalArgumentException naming the key and where its value came from when a key is
   *     unknown or a value is bad, or when {@code tasks.shell.enabled} is true with nothing allowed
   */
  static TasksConfig load(
      JsonNode yaml, String file, Map<String, String> env, Map<String, String> flags) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    if (yaml != null && !yaml.isNull()) {
      flatten("tasks", yaml, file, values, sources);
    }
    for (String key : KEYS) {
      String text = env.get(ConfigLoader.envName(key));
      if (text != null) {
        values.put(key, parse(key, text, "environment variable " + ConfigLoader.envName(key)));
        sources.put(key, "environment variable " + ConfigLoader.envName(key));
      }
      if (flags.get(key) != null) {
        values.put(key, parse(key, flags.get(key), "flag"));
        sources.put(key, "flag");
      }
    }
    List<String> hosts =
        read(values, sources, "tasks.http.allow", new TypeReference<List<String>>() {});
    int resultChars =
        integer(values, sources, "tasks.http.result-chars", HttpTaskSettings.DEFAULT_RESULT_CHARS);
    HttpTaskSettings http =
        guard(sources, "tasks.http.allow", () -> new HttpTaskSettings(hosts, resultChars));
    if (!Boolean.TRUE.equals(read(values, sources, "tasks.shell.enabled", Boolean.class))) {
      return new TasksConfig(http, null);
    }
    List<ShellTaskSettings.Entry> allow = new ArrayList<>();
    JsonNode entries = values.get("tasks.shell.allow");
    if (entries != null) {
      if (!entries.isArray()) {
        throw bad(
            "tasks.shell.allow",
            sources,
            "a list of commands or of {command, args, params} entries");
      }
      for (JsonNode entry : entries) {
        allow.add(
            entry.isTextual()
                ? new ShellTaskSettings.Entry(null, entry.asText(), null, null)
                : convert(entry, sources, "tasks.shell.allow", ShellTaskSettings.Entry.class));
      }
    }
    if (allow.isEmpty()) {
      throw new IllegalArgumentException(
          "tasks.shell.allow must list the commands shell tasks may run when tasks.shell.enabled is true");
    }
    ShellTaskSettings shell =
        guard(
            sources,
            "tasks.shell.allow",
            () ->
                new ShellTaskSettings(
                    allow,
                    read(
                        values,
                        sources,
                        "tasks.shell.env",
                        new TypeReference<Map<String, String>>() {}),
                    read(
                        values,
                        sources,
                        "tasks.shell.inherit-env",
                        new TypeReference<List<String>>() {}),
                    read(values, sources, "tasks.shell.path", String.class)));
    return new TasksConfig(http, shell);
  }

  private static void flatten(
      String prefix,
      JsonNode node,
      String file,
      Map<String, JsonNode> values,
      Map<String, String> sources) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(file + ": '" + prefix + "' must be a section of keys");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix + "." + field.getKey();
      if (KEYS.contains(key)) {
        if (!field.getValue().isNull()) {
          values.put(key, field.getValue());
          sources.put(key, file);
        }
      } else if (field.getValue().isObject()
          && KEYS.stream().anyMatch(k -> k.startsWith(key + "."))) {
        flatten(key, field.getValue(), file, values, sources);
      } else {
        throw new IllegalArgumentException(
            file + ": unknown key '" + key + "'; known keys: " + KEYS);
      }
    }
  }

  /** Text from the environment or a flag: JSON for a list or map, else a comma list or a scalar. */
  private static JsonNode parse(String key, String text, String source) {
    String t = text.trim();
    if (t.startsWith("[") || t.startsWith("{")) {
      try {
        return JSON.readTree(t);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            key + " is not valid JSON (from " + source + "): " + e.getOriginalMessage());
      }
    }
    if (key.endsWith(".allow") || key.endsWith(".inherit-env")) {
      var list = JsonNodeFactory.instance.arrayNode();
      Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
      return list;
    }
    if (key.endsWith(".env")) {
      ObjectNode map = JsonNodeFactory.instance.objectNode();
      for (String pair : t.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        } else if (!pair.isBlank()) {
          throw new IllegalArgumentException(
              key + " must be NAME=value pairs or a JSON object (from " + source + ")");
        }
      }
      return map;
    }
    return TextNode.valueOf(t);
  }

  private static <T> T read(
      Map<String, JsonNode> values, Map<String, String> sources, String key, Object type) {
    JsonNode node = values.get(key);
    if (node == null) {
      return null;
    }
    if (type instanceof Class<?> c && c == Boolean.class && node.isTextual()) {
      @SuppressWarnings("unchecked")
      T flag =
          (T)
              switch (node.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> throw bad(key, sources, "true or false");
              };
      return flag;
    }
    return convert(node, sources, key, type);
  }

  @SuppressWarnings("unchecked")
  private static <T> T convert(
      JsonNode node, Map<String, String> sources, String key, Object type) {
    try {
      return type instanceof Class<?> c
          ? (T) JSON.treeToValue(node, c)
          : JSON.treeToValue(
              node, JSON.getTypeFactory().constructType(((TypeReference<?>) type).getType()));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(
          key + " is bad (from " + sources.get(key) + "): " + why, e);
    }
  }

  private static int integer(
      Map<String, JsonNode> values, Map<String, String> sources, String key, int fallback) {
    JsonNode node = values.get(key);
    if (node == null) {
      return fallback;
    }
    try {
      return node.isInt() ? node.asInt() : Integer.parseInt(node.asText().trim());
    } catch (NumberFormatException e) {
      throw bad(key, sources, "an integer");
    }
  }

  private static <T> T guard(
      Map<String, String> sources, String key, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      String from = sources.get(key);
      throw new IllegalArgumentException(
          e.getMessage() + (from == null ? "" : " (from " + from + ")"), e);
    }
  }

  private static IllegalArgumentException bad(
      String key, Map<String, String> sources, String expected) {
    return new IllegalArgumentException(
        key + " must be " + expected + " (from " + sources.get(key) + ")");
  }
}
