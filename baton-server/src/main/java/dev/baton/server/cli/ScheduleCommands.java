package dev.baton.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code baton schedules add|list|pause|resume|delete|trigger|next}, against a running server. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Manages schedules on a running server.",
      "Exit codes: 0 ok, 1 error, 2 usage, 3 not found."
    },
    subcommands = {ScheduleCommands.Add.class})
public final class ScheduleCommands {
  @Spec private CommandSpec spec;
  @Mixin private ClientOptions client = new ClientOptions();

  /** Makes the command; picocli fills in its options. */
  public ScheduleCommands() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists schedules with their next run.")
  int list(@Option(names = "--enabled", description = "Only enabled ones.") boolean enabled) {
    JsonNode answer = client.call("GET", "/schedules" + (enabled ? "?enabled=true" : ""), null);
    StringBuilder text = new StringBuilder();
    for (JsonNode s : answer.get("items")) {
      text.append(
          String.format(
              "%-24s %-8s %-20s %-8s next %s%n",
              s.get("name").asText(),
              s.get("kind").asText(),
              s.get("expression").asText(),
              label(s),
              s.get("nextRunAt").asText("-")));
    }
    client.print(
        spec.commandLine().getOut(),
        answer,
        text.isEmpty() ? "no schedules" : text.toString().stripTrailing());
    return 0;
  }

  private static String label(JsonNode schedule) {
    return switch (schedule.path("state").asText()) {
      case "FINISHED" -> "finished";
      case "PAUSED" -> "paused";
      default -> schedule.get("enabled").asBoolean() ? "enabled" : "paused";
    };
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pauses a schedule.")
  int pause(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "pause", "paused");
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resumes a paused schedule.")
  int resume(@Parameters(paramLabel = "NAME") String name) {
    return act(name, "resume", "resumed");
  }

  @Command(
      name = "trigger",
      mixinStandardHelpOptions = true,
      description = "Enqueues the schedule's task now; prints its id.")
  int trigger(@Parameters(paramLabel = "NAME") String name) {
    JsonNode answer =
        client.call("POST", "/schedules/" + ClientOptions.encode(name) + "/trigger", null);
    client.print(spec.commandLine().getOut(), answer, answer.get("id").asText());
    return 0;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a schedule; its tasks stay.")
  int delete(@Parameters(paramLabel = "NAME") String name) {
    JsonNode answer = client.call("DELETE", "/schedules/" + ClientOptions.encode(name), null);
    client.print(spec.commandLine().getOut(), answer, "deleted " + name);
    return 0;
  }

  @Command(
      name = "next",
      mixinStandardHelpOptions = true,
      description = "Prints the next fire times.")
  int next(
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = "--count",
              defaultValue = "5",
              description = "How many (default ${DEFAULT-VALUE}).")
          int count) {
    JsonNode answer =
        client.call(
            "GET", "/schedules/" + ClientOptions.encode(name) + "/next?count=" + count, null);
    StringBuilder text = new StringBuilder();
    answer.get("times").forEach(t -> text.append(t.asText()).append('\n'));
    client.print(spec.commandLine().getOut(), answer, text.toString().stripTrailing());
    return 0;
  }

  private int act(String name, String action, String done) {
    JsonNode answer =
        client.call("POST", "/schedules/" + ClientOptions.encode(name) + "/" + action, null);
    client.print(spec.commandLine().getOut(), answer, done + " " + name);
    return 0;
  }

  /** {@code baton schedules add NAME (--cron|--every|--at) --type TYPE [--payload JSON]}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a schedule, or updates the one with this name.")
  public static final class Add implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @ParentCommand private ScheduleCommands parent;

    @Parameters(paramLabel = "NAME", description = "Unique name.")
    private String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Timing timing;

    @Option(
        names = "--type",
        required = true,
        paramLabel = "TYPE",
        description = "Task type each tick enqueues.")
    private String type;

    @Option(
        names = "--payload",
        paramLabel = "JSON",
        defaultValue = "{}",
        description = "Payload (default {}).")
    private String payload;

    @Option(
        names = "--zone",
        paramLabel = "ZONE",
        description = "Time zone for cron, e.g. Asia/Shanghai (default UTC).")
    private String zone;

    @Option(names = "--queue", paramLabel = "NAME", description = "Queue.")
    private String queue;

    @Option(
        names = "--misfire",
        paramLabel = "POLICY",
        description = "FIRE_ONCE (default), SKIP or FIRE_ALL.")
    private String misfire;

    /** Makes the command; picocli fills in its options. */
    public Add() {}

    static final class Timing {
      @Option(
          names = "--cron",
          paramLabel = "EXPR",
          description = "Cron: 5 or 6 fields, or @daily style.")
      String cron;

      @Option(
          names = "--every",
          paramLabel = "DURATION",
          converter = DurationConverter.class,
          description = "Interval, e.g. 30s, 5m, 1h or PT30S.")
      java.time.Duration every;

      @Option(
          names = "--at",
          paramLabel = "INSTANT",
          description = "Once, e.g. 2030-01-01T00:00:00Z.")
      String at;
    }

    @Override
    public Integer call() {
      ClientOptions client = parent.client;
      ObjectNode body = ClientOptions.JSON.createObjectNode();
      body.put("kind", timing.cron != null ? "CRON" : timing.every != null ? "INTERVAL" : "ONCE");
      String every = timing.every == null ? null : timing.every.toString();
      body.put("expression", timing.cron != null ? timing.cron : every != null ? every : timing.at);
      body.put("type", type);
      body.set("payload", ClientOptions.parseArgument(spec.commandLine(), "--payload", payload));
      TaskCommands.putIfSet(body, "zone", zone);
      TaskCommands.putIfSet(body, "queue", queue);
      TaskCommands.putIfSet(body, "misfire", misfire);
      JsonNode answer = client.call("PUT", "/schedules/" + ClientOptions.encode(name), body);
      client.print(
          spec.commandLine().getOut(),
          answer,
          name + " next run " + answer.path("nextRunAt").asText("-"));
      return 0;
    }
  }
}
