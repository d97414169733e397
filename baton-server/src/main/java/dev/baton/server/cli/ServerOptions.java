package dev.baton.server.cli;

import dev.baton.server.config.ConfigLoader;
import dev.baton.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The flags {@code baton server} and {@code baton worker} share; each overrides a config key. */
final class ServerOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML config file (default: ./baton.yaml when present).")
  Path config;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description = "Backend URL (key backend; default " + ServerConfig.DEFAULT_BACKEND + ").")
  String backend;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Handlers that run at once (key workers; default 16).")
  Integer workers;

  @Option(
      names = "--queues",
      paramLabel = "A,B",
      description = "Queues the workers take from (key queues; default default).")
  String queues;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Shutdown grace for running tasks (key shutdown-grace; default 5m).")
  Duration grace;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port, 0 for any (key server.port; default 8080).")
  Integer port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description =
          "Address to bind (key server.host; default 127.0.0.1); any other needs a token.")
  String host;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description = "Folder of plugin jars (key plugins.dir; default ./plugins).")
  String plugins;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      hidden = true,
      description =
          "Bearer token (key server.token); other users see it in the process list: prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File holding the Bearer token the API requires (key server.token-file; env BATON_SERVER_TOKEN"
              + " holds the token itself; default none).")
  String tokenFile;

  @Option(
      names = "--work-token-file",
      paramLabel = "FILE",
      description =
          "File holding a token that may enqueue, read tasks and work over /api/v1/workers"
              + " (key server.work-token-file; env BATON_SERVER_WORK_TOKEN holds the token itself; default none).")
  String workTokenFile;

  @Option(
      names = "--enqueue-token-file",
      paramLabel = "FILE",
      description =
          "File holding a token that may only enqueue and read tasks (key server.enqueue-token-file;"
              + " env BATON_SERVER_ENQUEUE_TOKEN holds the token itself; default none).")
  String enqueueTokenFile;

  @Option(
      names = "--insecure-no-token",
      description =
          "Allow a non-loopback --host with no token, for when a proxy in front authenticates every request"
              + " (key server.allow-unauthenticated-remote; default false).")
  boolean insecureNoToken;

  @Option(
      names = "--retention",
      paramLabel = "DURATION",
      description = "How long finished tasks are kept, or 'forever' (key retention; default 24h).")
  String retention;

  @Option(
      names = "--purge-period",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How often finished tasks past the retention are deleted (key purge-period; default 1m).")
  Duration purgePeriod;

  ServerConfig load() {
    Path file = config;
    if (file == null && Files.isRegularFile(Path.of("baton.yaml"))) {
      file = Path.of("baton.yaml");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new IllegalArgumentException("config file " + file + " does not exist");
    }
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("backend", backend);
    flags.put("workers", workers == null ? null : workers.toString());
    flags.put("queues", queues);
    flags.put("shutdown-grace", grace == null ? null : grace.toString());
    flags.put("server.port", port == null ? null : port.toString());
    flags.put("server.host", host);
    flags.put("server.token", token);
    flags.put("server.token-file", tokenFile);
    flags.put("server.work-token-file", workTokenFile);
    flags.put("server.enqueue-token-file", enqueueTokenFile);
    flags.put("server.allow-unauthenticated-remote", insecureNoToken ? "true" : null);
    if (token != null) {
      LoggerFactory.getLogger(ServerOptions.class)
          .warn(
              "--token shows the token to every user of this machine in the process list;"
                  + " use --token-file or BATON_SERVER_TOKEN instead");
    }
    flags.put("plugins.dir", plugins);
    flags.put("retention", retention);
    flags.put("purge-period", purgePeriod == null ? null : purgePeriod.toString());
    return ConfigLoader.load(file, System.getenv(), flags);
  }
}
