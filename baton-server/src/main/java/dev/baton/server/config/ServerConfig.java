package dev.baton.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Everything {@code baton server} and {@code baton worker} read at start. Every field has a default
 * ({@link #defaults()}); docs/server.md lists them with their YAML keys and environment variables.
 * Build one with {@link #builder()} rather than the canonical constructor, whose arguments are
 * positional.
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
 * @param pluginsDir the folder whose jars hold {@link dev.baton.server.plugin.BatonPlugin}s
 * @param retention how long finished tasks are kept before the purge job deletes them
 * @param purgePeriod how often each node runs the purge job
 * @param minInterval the shortest period an interval schedule may be given
 * @param tasks settings of the built-in task types ({@code tasks.*})
 * @param allowUnauthenticatedRemote whether the server may listen on a non-loopback address with no
 *     token (off: such a start is refused)
 * @param allowedOrigins origins, besides the server's own, whose browsers may change state ({@code
 *     https://ops.example.com})
 * @param allowedHosts host names, besides loopback names and IP addresses, that requests may carry
 *     in {@code Host}; {@code *} accepts any
 * @param workToken a Bearer token that may enqueue, read tasks and use the worker protocol, or null
 * @param enqueueToken a Bearer token that may only enqueue and read tasks, or null
 * @param heartbeatInterval how often a remote worker sends its heartbeat
 * @param missedHeartbeats how many heartbeats in a row a remote worker may miss before its tasks go
 *     back to their queues
 * @param maxWait the longest a remote worker's fetch may wait for a task
 * @param workerTypes task types that remote workers run, accepted by {@code POST /tasks} (with any
 *     JSON payload) before any worker has registered them; empty by default
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
    List<String> queues,
    String pluginsDir,
    Duration retention,
    Duration purgePeriod,
    Duration minInterval,
    TasksConfig tasks,
    boolean allowUnauthenticatedRemote,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    String workToken,
    String enqueueToken,
    Duration heartbeatInterval,
    int missedHeartbeats,
    Duration maxWait,
    List<String> workerTypes) {
  /** The default backend: SQLite in the data folder under the working directory. */
  public static final String DEFAULT_BACKEND = "sqlite:data/baton.db";

  /** The default address: loopback only, so nothing off this machine reaches the API by default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default shutdown grace for the server: running tasks get five minutes. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofMinutes(5);

  /** The default request body limit: 2 MiB, room for a 1 MiB payload escaped in JSON. */
  public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

  /** The default heartbeat interval of remote workers. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  /** The default number of heartbeats a remote worker may miss. */
  public static final int DEFAULT_MISSED_HEARTBEATS = 3;

  /** The default longest wait of a remote worker's fetch. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);

  /** The longest {@link #maxWait()} allowed: HTTP clients and proxies rarely wait longer. */
  public static final Duration LONGEST_MAX_WAIT = Duration.ofMinutes(5);

  /**
   * Checks the fields and fills the defaults of those left null.
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
    queues = queues == null || queues.isEmpty() ? List.of("default") : List.copyOf(queues);
    tasks = tasks == null ? TasksConfig.defaults() : tasks;
    pluginsDir = pluginsDir == null || pluginsDir.isBlank() ? "plugins" : pluginsDir;
    require(
        shutdownGrace != null && !shutdownGrace.isNegative(),
        "shutdown-grace",
        shutdownGrace,
        "must be zero or more");
    retention = retention == null ? dev.baton.BatonBuilder.DEFAULT_RETENTION : retention;
    purgePeriod = purgePeriod == null ? dev.baton.BatonBuilder.DEFAULT_PURGE_PERIOD : purgePeriod;
    require(
        retention.compareTo(Duration.ofSeconds(1)) >= 0,
        "retention",
        retention,
        "must be at least 1s");
    require(
        purgePeriod.compareTo(Duration.ofMillis(10)) >= 0,
        "purge-period",
        purgePeriod,
        "must be at least 10ms");
    minInterval = minInterval == null ? dev.baton.BatonBuilder.DEFAULT_MIN_INTERVAL : minInterval;
    require(
        minInterval.compareTo(Duration.ofMillis(1)) >= 0,
        "scheduler.min-interval",
        minInterval,
        "must be at least 1ms");
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    require(
        workToken == null || !workToken.isBlank(),
        "server.work-token",
        "(blank)",
        "must not be blank");
    require(
        enqueueToken == null || !enqueueToken.isBlank(),
        "server.enqueue-token",
        "(blank)",
        "must not be blank");
    // A scoped token without the admin one would leave administration open to nobody, or to anyone.
    require(
        token != null || (workToken == null && enqueueToken == null),
        "server.work-token and server.enqueue-token",
        "(set)",
        "need server.token (the administration token) set too");
    require(
        workToken == null || !workToken.equals(token),
        "server.work-token",
        "****",
        "must differ from server.token");
    require(
        enqueueToken == null || !(enqueueToken.equals(token) || enqueueToken.equals(workToken)),
        "server.enqueue-token",
        "****",
        "must differ from server.token and server.work-token");
    heartbeatInterval = heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
    maxWait = maxWait == null ? DEFAULT_MAX_WAIT : maxWait;
    // Heartbeats renew leases, so one must come well within a lease.
    require(
        heartbeatInterval.compareTo(Duration.ofMillis(10)) >= 0
            && heartbeatInterval.compareTo(dev.baton.BatonBuilder.DEFAULT_LEASE.dividedBy(2)) <= 0,
        "server.workers.heartbeat-interval",
        heartbeatInterval,
        "must be from 10ms to half the lease ("
            + dev.baton.BatonBuilder.DEFAULT_LEASE.dividedBy(2)
            + ")");
    require(
        missedHeartbeats >= 1 && missedHeartbeats <= 100,
        "server.workers.missed-heartbeats",
        missedHeartbeats,
        "must be from 1 to 100");
    require(
        maxWait.compareTo(LONGEST_MAX_WAIT) <= 0,
        "server.workers.max-wait",
        maxWait,
        "must be from 0 to 5m");
    workerTypes = workerTypes == null ? List.of() : List.copyOf(workerTypes);
    for (String type : workerTypes) {
      try {
        dev.baton.TaskType.checkName(type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("server.workers.types: " + e.getMessage(), e);
      }
    }
  }

  /**
   * The configuration with nothing set: SQLite in ./data, 127.0.0.1:8080, no token, 16 workers on
   * the {@code default} queue.
   *
   * @return the defaults
   */
  public static ServerConfig defaults() {
    return builder().build();
  }

  /**
   * A builder that starts from {@link #defaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this configuration, to change a few fields of it.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.backend = backend;
    b.host = host;
    b.port = port;
    b.token = token;
    b.maxBodyBytes = maxBodyBytes;
    b.workers = workers;
    b.shutdownGrace = shutdownGrace;
    b.metrics = metrics;
    b.queues = queues;
    b.pluginsDir = pluginsDir;
    b.retention = retention;
    b.purgePeriod = purgePeriod;
    b.minInterval = minInterval;
    b.tasks = tasks;
    b.allowUnauthenticatedRemote = allowUnauthenticatedRemote;
    b.allowedOrigins = allowedOrigins;
    b.allowedHosts = allowedHosts;
    b.workToken = workToken;
    b.enqueueToken = enqueueToken;
    b.heartbeatInterval = heartbeatInterval;
    b.missedHeartbeats = missedHeartbeats;
    b.maxWait = maxWait;
    b.workerTypes = workerTypes;
    return b;
  }

  /**
   * The fields, with the token masked and the backend URL's secrets too: a configuration that ends
   * up in a log or an error message must not carry them.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "ServerConfig[backend="
        + dev.baton.spi.BackendUrls.mask(backend)
        + ", host="
        + host
        + ", port="
        + port
        + ", token="
        + (token == null ? "none" : "****")
        + ", workToken="
        + (workToken == null ? "none" : "****")
        + ", enqueueToken="
        + (enqueueToken == null ? "none" : "****")
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", workers="
        + workers
        + ", shutdownGrace="
        + shutdownGrace
        + ", metrics="
        + metrics
        + ", queues="
        + queues
        + ", pluginsDir="
        + pluginsDir
        + ", retention="
        + retention
        + ", purgePeriod="
        + purgePeriod
        + ", minInterval="
        + minInterval
        + ", tasks="
        + tasks
        + ", allowUnauthenticatedRemote="
        + allowUnauthenticatedRemote
        + ", allowedOrigins="
        + allowedOrigins
        + ", allowedHosts="
        + allowedHosts
        + ", heartbeatInterval="
        + heartbeatInterval
        + ", missedHeartbeats="
        + missedHeartbeats
        + ", maxWait="
        + maxWait
        + "]";
  }

  private static void require(boolean ok, String key, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(key + " " + rule + " but was '" + value + "'");
    }
  }

  /** Sets fields by name; {@link #build()} checks them all, as the canonical constructor does. */
  public static final class Builder {
    private String backend = DEFAULT_BACKEND;
    private String host = DEFAULT_HOST;
    private int port = 8080;
    private String token;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int workers = 16;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private boolean metrics = true;
    private List<String> queues = List.of("default");
    private String pluginsDir = "plugins";
    private Duration retention;
    private Duration purgePeriod;
    private Duration minInterval;
    private TasksConfig tasks;
    private boolean allowUnauthenticatedRemote;
    private List<String> allowedOrigins = List.of();
    private List<String> allowedHosts = List.of();
    private String workToken;
    private String enqueueToken;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private int missedHeartbeats = DEFAULT_MISSED_HEARTBEATS;
    private Duration maxWait = DEFAULT_MAX_WAIT;
    private List<String> workerTypes = List.of();

    private Builder() {}

    /**
     * @param backend the backend URL
     * @return this builder
     */
    public Builder backend(String backend) {
      this.backend = backend;
      return this;
    }

    /**
     * @param host the address the HTTP server binds
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * @param port the HTTP port; 0 for any free one
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * @param token the Bearer token the API requires, or null for none
     * @return this builder
     */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * @param maxBodyBytes the largest request body accepted
     * @return this builder
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * @param workers how many handlers run at once
     * @return this builder
     */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * @param shutdownGrace how long running handlers may finish after SIGTERM or SIGINT
     * @return this builder
     */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /**
     * @param metrics whether {@code /metrics} is served
     * @return this builder
     */
    public Builder metrics(boolean metrics) {
      this.metrics = metrics;
      return this;
    }

    /**
     * @param queues the queues this node's workers take tasks from; empty means {@code default}
     * @return this builder
     */
    public Builder queues(List<String> queues) {
      this.queues = queues;
      return this;
    }

    /**
     * @param pluginsDir the plugins folder
     * @return this builder
     */
    public Builder pluginsDir(String pluginsDir) {
      this.pluginsDir = pluginsDir;
      return this;
    }

    /**
     * @param retention how long finished tasks are kept, or null for the default
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * @param purgePeriod how often the purge job runs, or null for the default
     * @return this builder
     */
    public Builder purgePeriod(Duration purgePeriod) {
      this.purgePeriod = purgePeriod;
      return this;
    }

    /**
     * @param minInterval the shortest interval a schedule may have, or null for the default
     * @return this builder
     */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = minInterval;
      return this;
    }

    /**
     * @param tasks settings of the built-in task types, or null for the defaults
     * @return this builder
     */
    public Builder tasks(TasksConfig tasks) {
      this.tasks = tasks;
      return this;
    }

    /**
     * Lets the {@code shell} task type run these commands, each without arguments: the short form
     * for tests and demos; {@link #tasks(TasksConfig)} takes entries with fixed arguments.
     *
     * @param commands the commands; empty leaves the type off
     * @return this builder
     */
    public Builder shellAllow(List<String> commands) {
      this.tasks =
          new TasksConfig(
              null,
              commands == null || commands.isEmpty()
                  ? null
                  : dev.baton.server.tasks.ShellTaskSettings.of(commands));
      return this;
    }

    /**
     * @param allow whether a non-loopback address may be served without a token
     * @return this builder
     */
    public Builder allowUnauthenticatedRemote(boolean allow) {
      this.allowUnauthenticatedRemote = allow;
      return this;
    }

    /**
     * @param origins origins besides the server's own whose browsers may change state
     * @return this builder
     */
    public Builder allowedOrigins(List<String> origins) {
      this.allowedOrigins = origins;
      return this;
    }

    /**
     * @param hosts host names besides loopback names and IP addresses that {@code Host} may carry
     * @return this builder
     */
    public Builder allowedHosts(List<String> hosts) {
      this.allowedHosts = hosts;
      return this;
    }

    /**
     * @param workToken a token that may also use the worker protocol, or null for none
     * @return this builder
     */
    public Builder workToken(String workToken) {
      this.workToken = workToken;
      return this;
    }

    /**
     * @param enqueueToken a token that may only enqueue and read tasks, or null for none
     * @return this builder
     */
    public Builder enqueueToken(String enqueueToken) {
      this.enqueueToken = enqueueToken;
      return this;
    }

    /**
     * @param heartbeatInterval how often remote workers send heartbeats
     * @return this builder
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * @param missedHeartbeats how many heartbeats a remote worker may miss before it is taken for
     *     dead
     * @return this builder
     */
    public Builder missedHeartbeats(int missedHeartbeats) {
      this.missedHeartbeats = missedHeartbeats;
      return this;
    }

    /**
     * @param maxWait the longest a remote worker's fetch may wait
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = maxWait;
      return this;
    }

    /**
     * @param types task types that remote workers run, accepted at enqueue before any worker has
     *     registered them
     * @return this builder
     */
    public Builder workerTypes(List<String> types) {
      this.workerTypes = types;
      return this;
    }

    /**
     * @return the configuration
     * @throws IllegalArgumentException naming the key of a bad value
     */
    public ServerConfig build() {
      return new ServerConfig(
          backend,
          host,
          port,
          token,
          maxBodyBytes,
          workers,
          shutdownGrace,
          metrics,
          queues,
          pluginsDir,
          retention,
          purgePeriod,
          minInterval,
          tasks,
          allowUnauthenticatedRemote,
          allowedOrigins,
          allowedHosts,
          workToken,
          enqueueToken,
          heartbeatInterval,
          missedHeartbeats,
          maxWait,
          workerTypes);
    }
  }
}
