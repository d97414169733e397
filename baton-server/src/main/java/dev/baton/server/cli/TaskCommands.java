package dev.baton.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code baton enqueue}, {@code status}, {@code cancel} and {@code retry}: talk to a running
 * server. Exit codes: 0 done, 1 error, 2 bad usage, 3 no such task.
 */
public final class TaskCommands {
  private static final String EXIT_CODES = "Exit codes: 0 ok, 1 error, 2 usage, 3 not found.";

  private TaskCommands() {}

  /** {@code baton enqueue TYPE JSON}. */
  @Command(
      name = "enqueue",
      mixinStandardHelpOptions = true,
      versionProvider = BatonVersion.class,
      description = {"Enqueues a task on a running server and prints its id.", EXIT_CODES})
  public static final class Enqueue implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client = new ClientOptions();

    @Parameters(index = "0", paramLabel = "TYPE", description = "Task type, e.g. http, echo, noop.")
    private String type;

    @Parameters(
        index = "1",
        paramLabel = "JSON",
        defaultValue = "{}",
        description = "Payload as JSON (default {}).")
    private String payload;

    @Option(
        names = "--priority",
        paramLabel = "0-10",
        description = "Higher runs first (default 0).")
    private Integer priority;

    @Option(
        names = "--delay",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "Run after this long, e.g. 30s, 5m or PT30S.")
    private java.time.Duration delay;

    @Option(names = "--queue", paramLabel = "NAME", description = "Queue (default: the type's).")
    private String queue;

    @Option(
        names = "--id",
        paramLabel = "ID",
        description = "Explicit id: a second enqueue with it creates nothing.")
    private String id;

    /** Makes the command; picocli fills in its options. */
    public Enqueue() {}

    @Override
    public Integer call() {
      ObjectNode body = ClientOptions.JSON.createObjectNode();
      body.put("type", type);
      body.set("payload", ClientOptions.parseArgument(spec.commandLine(), "JSON", payload));
      if (priority != null) {
        body.put("priority", priority);
      }
      if (delay != null) {
        body.put("delay", delay.toString());
      }
      putIfSet(body, "queue", queue);
      putIfSet(body, "id", id);
      JsonNode answer = client.call("POST", "/tasks", body);
      String text =
          answer.get("id").asText()
              + (answer.get("created").asBoolean() ? "" : " (exists; nothing created)");
      client.print(spec.commandLine().getOut(), answer, text);
      return 0;
    }
  }

  /** {@code baton status ID}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      versionProvider = BatonVersion.class,
      description = {"Shows a task: status, attempts, result or last error.", EXIT_CODES})
  public static final class Status implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client = new ClientOptions();

    @Parameters(paramLabel = "ID", description = "The task's id.")
    private String id;

    /** Makes the command; picocli fills in its options. */
    public Status() {}

    @Override
    public Integer call() {
      JsonNode t = client.call("GET", "/tasks/" + ClientOptions.encode(id), null);
      StringBuilder text =
          new StringBuilder()
              .append(t.get("id").asText())
              .append("  ")
              .append(t.get("status").asText())
              .append("  type ")
              .append(t.get("type").asText())
              .append("  queue ")
              .append(t.get("queue").asText())
              .append("  attempts ")
              .append(t.get("attempts").asInt())
              .append('/')
              .append(t.get("maxAttempts").asInt());
      if (!t.path("result").isNull() && !t.path("result").isMissingNode()) {
        text.append("\nresult: ").append(t.get("result"));
      }
      JsonNode errors = t.path("errors");
      if (!errors.isEmpty()) {
        text.append("\nlast error: ")
            .append(errors.get(errors.size() - 1).path("message").asText());
      }
      client.print(spec.commandLine().getOut(), t, text.toString());
      return 0;
    }
  }

  /** {@code baton cancel ID}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      versionProvider = BatonVersion.class,
      description = {
        "Cancels a queued, suspended or running task.",
        EXIT_CODES + " 1 also when it was already done."
      })
  public static final class Cancel implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client = new ClientOptions();

    @Parameters(paramLabel = "ID", description = "The task's id.")
    private String id;

    /** Makes the command; picocli fills in its options. */
    public Cancel() {}

    @Override
    public Integer call() {
      JsonNode answer = client.call("POST", "/tasks/" + ClientOptions.encode(id) + "/cancel", null);
      boolean done = answer.get("canceled").asBoolean();
      client.print(
          spec.commandLine().getOut(),
          answer,
          done ? "canceled " + id : id + " was not cancelable (already finished?)");
      return done ? 0 : 1;
    }
  }

  /** {@code baton retry ID}. */
  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      versionProvider = BatonVersion.class,
      description = {
        "Requeues a failed or canceled task with fresh attempts.",
        EXIT_CODES + " 1 also when it was not failed or canceled."
      })
  public static final class Retry implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ClientOptions client = new ClientOptions();

    @Parameters(paramLabel = "ID", description = "The task's id.")
    private String id;

    /** Makes the command; picocli fills in its options. */
    public Retry() {}

    @Override
    public Integer call() {
      JsonNode answer = client.call("POST", "/tasks/" + ClientOptions.encode(id) + "/retry", null);
      boolean done = answer.get("retried").asBoolean();
      client.print(
          spec.commandLine().getOut(),
          answer,
          done ? "requeued " + id : id + " is not failed or canceled");
      return done ? 0 : 1;
    }
  }

  static void putIfSet(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
