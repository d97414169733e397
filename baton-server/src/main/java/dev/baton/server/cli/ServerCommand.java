package dev.baton.server.cli;

import dev.baton.server.BatonServer;
import dev.baton.server.config.ServerConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code baton server} and {@code baton worker}: Baton with the built-in task types, workers and
 * the scheduler; the server adds the REST API and metrics. Runs until SIGTERM or SIGINT, then shuts
 * down within the configured grace.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = BatonVersion.class,
    description = {
      "Runs Baton with the REST API (/api/v1), metrics (/metrics), workers and the scheduler.",
      "With no configuration: SQLite in ./data/baton.db, 127.0.0.1 port 8080. Stop with Ctrl-C or SIGTERM:"
          + " running tasks get the shutdown grace to finish."
    })
public final class ServerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServerOptions options = new ServerOptions();

  /** Makes the command; picocli fills in its options. */
  public ServerCommand() {}

  @Override
  public Integer call() {
    return run(spec, options.load(), true);
  }

  static int run(CommandSpec spec, ServerConfig config, boolean http) {
    BatonServer server = BatonServer.start(config, http, UnaryOperator.identity());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  spec.commandLine()
                      .getErr()
                      .println("baton: shutting down (grace " + config.shutdownGrace() + ")...");
                  server.close();
                  stopped.countDown();
                },
                "baton-shutdown"));
    var out = spec.commandLine().getOut();
    out.println(
        "Baton "
            + (http ? "server" : "worker")
            + " on "
            + dev.baton.spi.BackendUrls.mask(config.backend())
            + ", "
            + config.workers()
            + " workers");
    if (http) {
      java.net.InetSocketAddress bound = server.address();
      out.println(
          "Listening on "
              + literal(bound.getAddress())
              + ":"
              + bound.getPort()
              + (bound.getAddress().isAnyLocalAddress() ? " (every interface)" : "")
              + (config.token() == null ? ", no token" : ", token required"));
      out.println("Dashboard: " + server.url() + "/dashboard/");
      out.println("REST API:  " + server.url() + "/api/v1   metrics: " + server.url() + "/metrics");
    }
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String literal(java.net.InetAddress address) {
    String text = address.getHostAddress().replaceFirst("%.*$", "");
    return address instanceof java.net.Inet6Address ? "[" + text + "]" : text;
  }

  /** {@code baton worker}: workers and scheduler only, for scaling out. */
  @Command(
      name = "worker",
      mixinStandardHelpOptions = true,
      versionProvider = BatonVersion.class,
      description =
          "Runs workers and the scheduler only (no HTTP), for scaling out on a shared backend.")
  public static final class WorkerCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private ServerOptions options = new ServerOptions();

    /** Makes the command; picocli fills in its options. */
    public WorkerCommand() {}

    @Override
    public Integer call() {
      return run(spec, options.load(), false);
    }
  }
}
