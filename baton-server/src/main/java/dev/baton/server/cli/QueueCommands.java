package dev.baton.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton queues list|pause|resume}: queue sizes and pausing, on a running server. */
@Command(
    name = "queues",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Lists queues with their task counts, and pauses or resumes a queue on every node.",
      "A paused queue keeps its tasks QUEUED: nothing is claimed from it, runs under way finish,"
          + " and enqueues are still accepted.",
      "Exit codes: 0 ok, 1 error, 2 usage."
    })
public final class QueueCommands {
  @Spec private CommandSpec spec;
  @Mixin private ClientOptions client = new ClientOptions();

  /** Makes the command; picocli fills in its options. */
  public QueueCommands() {}

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists queues: counts by status, and which are paused.")
  int list() {
    JsonNode answer = client.call("GET", "/queues", null);
    StringBuilder text =
        new StringBuilder(
            String.format(
                "%-20s %-7s %8s %8s %9s %9s %8s %8s%n",
                "QUEUE",
                "STATE",
                "QUEUED",
                "RUNNING",
                "SUSPENDED",
                "SUCCEEDED",
                "FAILED",
                "CANCELED"));
    for (JsonNode q : answer.get("items")) {
      JsonNode c = q.get("counts");
      text.append(
          String.format(
              "%-20s %-7s %8d %8d %9d %9d %8d %8d%n",
              q.get("queue").asText(),
              q.path("paused").asBoolean() ? "paused" : "active",
              c.path("QUEUED").asLong(),
              c.path("RUNNING").asLong(),
              c.path("SUSPENDED").asLong(),
              c.path("SUCCEEDED").asLong(),
              c.path("FAILED").asLong(),
              c.path("CANCELED").asLong()));
    }
    client.print(
        spec.commandLine().getOut(),
        answer,
        answer.get("items").isEmpty() ? "no queues" : text.toString().stripTrailing());
    return 0;
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pauses a queue on every node.")
  int pause(@Parameters(paramLabel = "QUEUE") String queue) {
    return act(queue, "pause");
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resumes a paused queue on every node.")
  int resume(@Parameters(paramLabel = "QUEUE") String queue) {
    return act(queue, "resume");
  }

  private int act(String queue, String action) {
    JsonNode answer =
        client.call("POST", "/queues/" + ClientOptions.encode(queue) + "/" + action, null);
    boolean changed = answer.get("changed").asBoolean();
    String state = action.equals("pause") ? "paused" : "resumed";
    client.print(
        spec.commandLine().getOut(),
        answer,
        changed
            ? state + " " + queue
            : queue + " was already " + (action.equals("pause") ? "paused" : "active"));
    return 0;
  }
}
