package dev.baton.server.config;

import java.time.Duration;

/**
 * Everything {@code baton server} and {@code baton worker} read at start. Every field has a default
 * ({@link #defaults()}); docs/server.md lists them with their YAML keys and environment variables.
 *
 * @param backend the backend URL
 * @param host the address the HTTP server binds
 * @param port the HTTP port; 0 for any free one
 * @param token the Bearer token the API requires, or null for none
 * @param maxBodyBytes the largest request body accepted
 * @param workers how many handlers run at once
 * @param shutdownGrace how long running handlers may finish after SIGTERM or SIGINT
 * @param metrics whether {@code /metrics} is served
 * @param queues the queues this node's workers take tasks from
 * @param shellAllow the commands the {@code shell} task type may run; empty leaves the type off
 * @param pluginsDir the folder whose jars hold {@link dev.baton.server.plugin.BatonPlugin}s
 * @param retention how long finished tasks are kept before the purge job deletes them
 * @param purgePeriod how often each node runs the purge job
 * @param allowUnauthenticatedRemote whether the server may listen on a non-loopback address with no
 *     token (off: such a start is refused)
 * @param allowedOrigins origins, besides the server's own, whose browsers may change state
 *     ({@code https://ops.example.com})
 * @param allowedHosts host names, besides loopback names and IP addresses, that requests may carry
 *     in {@code Host}; {@code *} accepts any
 */
public record ServerConfig(
    String backend,
    String host,
    int port,
    String token,
    int maxBodyBytes,
    int workers,
    Duration shutdownGrace,
    boolean metrics,
    java.util.List<String> queues,
    java.util.List<String> shellAllow,
    String pluginsDir,
    Duration retention,
    Duration purgePeriod,
    boolean allowUnauthenticatedRemote,
    java.util.List<String> allowedOrigins,
    java.util.List<String> allowedHosts) {
  /** The default backend: SQLite in the data folder under the working directory. */
  public static final String DEFAULT_BACKEND = "sqlite:data/baton.db";

  /** The default address: loopback only, so nothing off this machine reaches the API by default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default shutdown grace for the server: running tasks get five minutes. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofMinutes(5);

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public ServerConfig {
    require(backend != null && !backend.isBlank(), "backend", backend, "must not be empty");
    require(host != null && !host.isBlank(), "server.host", host, "must not be empty");
    require(port >= 0 && port <= 65535, "server.port", port, "must be between 0 and 65535");
    require(token == null || !token.isBlank(), "server.token", "(blank)", "must not be blank");
    require(maxBodyBytes >= 1, "server.max-body-bytes", maxBodyBytes, "must be >= 1");
    require(workers >= 1, "workers", workers, "must be >= 1");
    queues = queues == null || queues.isEmpty() ? java.util.List.of("default") : java.util.List.copyOf(queues);
    shellAllow = shellAllow == null ? java.util.List.of() : java.util.List.copyOf(shellAllow);
    pluginsDir = pluginsDir == null || pluginsDir.isBlank() ? "plugins" : pluginsDir;
    require(shutdownGrace != null && !shutdownGrace.isNegative(), "shutdown-grace", shutdownGrace, "must be zero or more");
    retention = retention == null ? dev.baton.BatonBuilder.DEFAULT_RETENTION : retention;
    purgePeriod = purgePeriod == null ? dev.baton.BatonBuilder.DEFAULT_PURGE_PERIOD : purgePeriod;
    require(retention.compareTo(Duration.ofSeconds(1)) >= 0, "retention", retention, "must be at least 1s");
    require(purgePeriod.compareTo(Duration.ofMillis(10)) >= 0, "purge-period", purgePeriod, "must be at least 10ms");
    allowedOrigins = allowedOrigins == null ? java.util.List.of() : java.util.List.copyOf(allowedOrigins);
    allowedHosts = allowedHosts == null ? java.util.List.of() : java.util.List.copyOf(allowedHosts);
  }

  /**
   * The configuration with the safe edge defaults: no unauthenticated remote listening, no other
   * origins or host names.
   *
   * @param backend the backend URL
   * @param host the address the HTTP server binds
   * @param port the HTTP port; 0 for any free one
   * @param token the Bearer token the API requires, or null for none
   * @param maxBodyBytes the largest request body accepted
   * @param workers how many handlers run at once
   * @param shutdownGrace how long running handlers may finish after SIGTERM or SIGINT
   * @param metrics whether {@code /metrics} is served
   * @param queues the queues this node's workers take tasks from
   * @param shellAllow the commands the {@code shell} task type may run; empty leaves it off
   * @param pluginsDir the plugins folder
   * @param retention how long finished tasks are kept, null for the default
   * @param purgePeriod how often the purge job runs, null for the default
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public ServerConfig(String backend, String host, int port, String token, int maxBodyBytes, int workers,
      Duration shutdownGrace, boolean metrics, java.util.List<String> queues, java.util.List<String> shellAllow,
      String pluginsDir, Duration retention, Duration purgePeriod) {
    this(backend, host, port, token, maxBodyBytes, workers, shutdownGrace, metrics, queues, shellAllow, pluginsDir,
        retention, purgePeriod, false, null, null);
  }

  /**
   * The configuration with the default retention and purge period.
   *
   * @param backend the backend URL
   * @param host the address the HTTP server binds
   * @param port the HTTP port; 0 for any free one
   * @param token the Bearer token the API requires, or null for none
   * @param maxBodyBytes the largest request body accepted
   * @param workers how many handlers run at once
   * @param shutdownGrace how long running handlers may finish after SIGTERM or SIGINT
   * @param metrics whether {@code /metrics} is served
   * @param queues the queues this node's workers take tasks from
   * @param shellAllow the commands the {@code shell} task type may run; empty leaves it off
   * @param pluginsDir the plugins folder
   * @throws IllegalArgumentException naming the key of a bad value
   */
  public ServerConfig(String backend, String host, int port, String token, int maxBodyBytes, int workers,
      Duration shutdownGrace, boolean metrics, java.util.List<String> queues, java.util.List<String> shellAllow,
      String pluginsDir) {
    this(backend, host, port, token, maxBodyBytes, workers, shutdownGrace, metrics, queues, shellAllow, pluginsDir,
        null, null);
  }

  /**
   * The configuration with nothing set: SQLite in ./data, 127.0.0.1 port 8080, no token, 16 workers
   * on the {@code default} queue.
   *
   * @return the defaults
   */
  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_BACKEND, DEFAULT_HOST, 8080, null, 2 * 1024 * 1024, 16, DEFAULT_SHUTDOWN_GRACE,
        true, java.util.List.of("default"), java.util.List.of(), "plugins", dev.baton.BatonBuilder.DEFAULT_RETENTION,
        dev.baton.BatonBuilder.DEFAULT_PURGE_PERIOD, false, java.util.List.of(), java.util.List.of());
  }

  /**
   * The fields, with the token masked: a configuration that ends up in a log or an error message
   * must not carry it.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "ServerConfig[backend=" + dev.baton.spi.BackendUrls.mask(backend) + ", host=" + host + ", port=" + port
        + ", token=" + (token == null ? "none" : "****") + ", maxBodyBytes=" + maxBodyBytes + ", workers=" + workers
        + ", shutdownGrace=" + shutdownGrace + ", metrics=" + metrics + ", queues=" + queues + ", shellAllow="
        + shellAllow + ", pluginsDir=" + pluginsDir + ", retention=" + retention + ", purgePeriod=" + purgePeriod
        + ", allowUnauthenticatedRemote=" + allowUnauthenticatedRemote + ", allowedOrigins=" + allowedOrigins
        + ", allowedHosts=" + allowedHosts + "]";
  }

  private static void require(boolean ok, String key, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + rule + " but was '" + value + "'");
    }
  }
}
