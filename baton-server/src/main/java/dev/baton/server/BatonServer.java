package dev.baton.server;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.server.api.ApiServer;
import dev.baton.server.api.ApiSettings;
import dev.baton.server.api.WorkerProtocol;
import dev.baton.server.config.ServerConfig;
import dev.baton.server.plugin.Plugins;
import dev.baton.server.tasks.BuiltInTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * A Baton instance with the built-in task types, workers, the scheduler and (unless worker-only)
 * the HTTP API. {@code baton server} and the tests start it the same way.
 */
public final class BatonServer implements AutoCloseable {
  private final Baton baton;
  private final ApiServer api;
  private NodeRegistry registry;

  private BatonServer(Baton baton, ApiServer api) {
    this.baton = baton;
    this.api = api;
  }

  /**
   * Starts Baton and the HTTP server.
   *
   * @param config the configuration
   * @return the running server
   * @throws IllegalArgumentException if the backend URL is bad
   * @throws UncheckedIOException if the data folder cannot be made or the port cannot be bound
   * @throws dev.baton.spi.StoreException if the backend cannot be opened
   */
  public static BatonServer start(ServerConfig config) {
    return start(config, true, UnaryOperator.identity());
  }

  /**
   * Starts Baton, and the HTTP server when asked.
   *
   * @param config the configuration
   * @param http false for {@code baton worker}: workers and scheduler only
   * @param customize a last say over the builder (tests add handlers or a clock)
   * @return the running server
   * @throws IllegalArgumentException if the backend URL is bad
   * @throws UncheckedIOException if the data folder cannot be made or the port cannot be bound
   * @throws dev.baton.spi.StoreException if the backend cannot be opened
   */
  public static BatonServer start(
      ServerConfig config, boolean http, UnaryOperator<BatonBuilder> customize) {
    return start(config, http, true, customize);
  }

  /**
   * Starts Baton, and the HTTP server when asked, with or without a heartbeat in the node registry.
   *
   * @param config the configuration
   * @param http false for {@code baton worker}: workers and scheduler only
   * @param announce false for a short-lived in-process server (a CLI call on a backend) that must
   *     not show up as a node
   * @param customize a last say over the builder (tests add handlers or a clock)
   * @return the running server
   * @throws IllegalArgumentException if the backend URL is bad
   * @throws UncheckedIOException if the data folder cannot be made or the port cannot be bound
   * @throws dev.baton.spi.StoreException if the backend cannot be opened
   */
  public static BatonServer start(
      ServerConfig config, boolean http, boolean announce, UnaryOperator<BatonBuilder> customize) {
    BatonServer server = launch(config, http, customize);
    if (announce) {
      try {
        server.registry =
            NodeRegistry.start(
                server.baton,
                http ? "server" : "worker",
                http ? server.api.url() : null,
                config.workers(),
                config.queues());
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
    return server;
  }

  private static BatonServer launch(
      ServerConfig config, boolean http, UnaryOperator<BatonBuilder> customize) {
    // Checked before anything opens: an unsafe address must not leave a half-started node behind.
    ApiSettings settings = http ? settings(config) : null;
    makeDataFolder(config.backend());
    Metrics metrics = config.metrics() ? new Metrics() : null;
    BatonBuilder builder =
        BuiltInTypes.addTo(Baton.builder(), config.tasks().http())
            .backend(config.backend())
            .workers(config.workers())
            .queues(config.queues().toArray(String[]::new))
            .shutdownGrace(config.shutdownGrace())
            .retention(config.retention())
            .purgePeriod(config.purgePeriod())
            .minInterval(config.minInterval());
    if (metrics != null) {
      builder.listener(metrics.listener());
    }
    ClaimWatch claims = new ClaimWatch(InstantSource.system());
    builder.listener(claims);
    StartLatency latency = new StartLatency();
    if (http) {
      builder.listener(latency);
    }
    if (!config.tasks().shell().allow().isEmpty()) {
      BuiltInTypes.addShell(builder, config.tasks().shell());
    }
    List<String> plugins = Plugins.load(Path.of(config.pluginsDir()), builder);
    if (!plugins.isEmpty()) {
      LoggerFactory.getLogger(BatonServer.class)
          .info("plugins from {}: {}", config.pluginsDir(), plugins);
    }
    Baton baton = customize.apply(builder).start();
    if (!http) {
      return new BatonServer(baton, null);
    }
    try {
      if (metrics != null) {
        metrics.watch(baton, config.queues());
      }
      return new BatonServer(
          baton,
          ApiServer.start(
              baton, settings, metrics == null ? null : metrics::scrape, claims::problem, latency));
    } catch (RuntimeException e) {
      baton.close();
      throw e;
    }
  }

  private static ApiSettings settings(ServerConfig config) {
    return new ApiSettings(
        config.host(),
        config.port(),
        config.token(),
        config.maxBodyBytes(),
        config.allowUnauthenticatedRemote(),
        config.allowedOrigins(),
        config.allowedHosts(),
        config.workToken(),
        config.enqueueToken(),
        new WorkerProtocol(
            config.heartbeatInterval(),
            config.missedHeartbeats(),
            config.maxWait(),
            BatonBuilder.DEFAULT_LEASE,
            config.shutdownGrace(),
            config.workerTypes()));
  }

  // SQLite opens a file but does not make its folder; zero configuration means ./data must appear.
  private static void makeDataFolder(String backend) {
    if (!backend.startsWith("sqlite:") || backend.startsWith("sqlite::memory")) {
      return;
    }
    Path parent =
        Path.of(backend.substring("sqlite:".length()).replaceFirst("\\?.*$", ""))
            .toAbsolutePath()
            .getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot make the data folder " + parent + ": " + e.getMessage(), e);
    }
  }

  /**
   * The Baton instance.
   *
   * @return the instance
   */
  public Baton baton() {
    return baton;
  }

  /**
   * The address and port the HTTP server is bound to.
   *
   * @return the bound address
   * @throws IllegalStateException if this is a worker without HTTP
   */
  public java.net.InetSocketAddress address() {
    if (api == null) {
      throw new IllegalStateException("a worker serves no HTTP");
    }
    return api.address();
  }

  /**
   * The API's base URL on the bound address, such as {@code http://127.0.0.1:8080}.
   *
   * @return the URL
   * @throws IllegalStateException if this is a worker without HTTP
   */
  public String url() {
    if (api == null) {
      throw new IllegalStateException("a worker serves no HTTP");
    }
    return api.url();
  }

  /**
   * Tells remote workers to go quiet and waits within the grace for them to settle what they hold,
   * stops taking requests, then shuts Baton down within its grace: running handlers finish or go
   * back to the queue.
   */
  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
    if (api != null) {
      api.close();
    }
    baton.close();
  }
}
