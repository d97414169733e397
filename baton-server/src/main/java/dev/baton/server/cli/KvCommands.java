package dev.baton.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton kv get|set|delete|keys}: the shared key-value store of a running server. */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Reads and writes the shared key-value store on a running server.",
      "Exit codes: 0 ok, 1 error, 2 usage, 3 no such key."
    })
public final class KvCommands {
  @Spec private CommandSpec spec;
  @Mixin private ClientOptions client = new ClientOptions();

  /** Makes the command; picocli fills in its options. */
  public KvCommands() {}

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints a value as JSON.")
  int get(@Parameters(paramLabel = "KEY") String key) {
    JsonNode answer = client.call("GET", "/kv/" + ClientOptions.encode(key), null);
    client.print(spec.commandLine().getOut(), answer, answer.get("value").toString());
    return 0;
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Stores a JSON value, optionally with a ttl.")
  int set(
      @Parameters(index = "0", paramLabel = "KEY") String key,
      @Parameters(
              index = "1",
              paramLabel = "JSON",
              description = "The value as JSON, e.g. '\"text\"' or '{\"a\":1}'.")
          String value,
      @Option(
              names = "--ttl",
              paramLabel = "DURATION",
              description = "Expire after this long, e.g. 1h.")
          String ttl) {
    ObjectNode body = ClientOptions.JSON.createObjectNode();
    body.set("value", ClientOptions.parseArgument(spec.commandLine(), "JSON", value));
    TaskCommands.putIfSet(body, "ttl", ttl);
    client.call("PUT", "/kv/" + ClientOptions.encode(key), body);
    client.print(spec.commandLine().getOut(), body, "set " + key);
    return 0;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a value.")
  int delete(@Parameters(paramLabel = "KEY") String key) {
    client.call("DELETE", "/kv/" + ClientOptions.encode(key), null);
    client.print(spec.commandLine().getOut(), null, "deleted " + key);
    return 0;
  }

  @Command(
      name = "keys",
      mixinStandardHelpOptions = true,
      description = "Lists keys, all or by prefix.")
  int keys(
      @Parameters(
              paramLabel = "PREFIX",
              defaultValue = "",
              description = "Key prefix (default: all).")
          String prefix) {
    JsonNode answer = client.call("GET", "/kv?prefix=" + ClientOptions.encode(prefix), null);
    StringBuilder text = new StringBuilder();
    answer.get("keys").forEach(k -> text.append(k.asText()).append('\n'));
    client.print(spec.commandLine().getOut(), answer, text.toString().stripTrailing());
    return 0;
  }
}
