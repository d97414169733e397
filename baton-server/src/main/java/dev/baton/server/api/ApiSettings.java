package dev.baton.server.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host the address to bind, such as {@code 127.0.0.1} (the default) or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one
 * @param token the Bearer token every request but health needs, or null for none
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param allowUnauthenticatedRemote whether a non-loopback address may be bound with no token
 * @param allowedOrigins origins besides the server's own whose browsers may change state
 * @param allowedHosts names besides loopback names and IP addresses accepted in {@code Host};
 *     {@code *} accepts any
 * @param workToken a Bearer token that may enqueue, read tasks and use {@code /api/v1/workers}, or
 *     null for none; needs {@code token}
 * @param enqueueToken a Bearer token that may only enqueue and read tasks, or null for none; needs
 *     {@code token}
 * @param workers the worker protocol's timing
 */
public record ApiSettings(
    String host,
    int port,
    String token,
    int maxBodyBytes,
    boolean allowUnauthenticatedRemote,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    String workToken,
    String enqueueToken,
    WorkerProtocol workers) {
  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default address: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default body limit: 1 MiB plus room for the envelope around a payload. */
  public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the port is outside 0-65535, the body limit is below 1, the
   *     token is blank, the host is not an address of this machine's, or the host is not loopback
   *     while there is no token and unauthenticated remote access is not allowed
   */
  public ApiSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be >= 1 but was " + maxBodyBytes);
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    if ((workToken != null || enqueueToken != null) && token == null) {
      throw new IllegalArgumentException(
          "a work or enqueue token needs the administration token set too");
    }
    if ((workToken != null && workToken.isBlank())
        || (enqueueToken != null && enqueueToken.isBlank())) {
      throw new IllegalArgumentException("a work or enqueue token must not be blank");
    }
    workers = workers == null ? WorkerProtocol.defaults() : workers;
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    if (token == null && !allowUnauthenticatedRemote && !address(host).isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "refusing to listen on "
              + host
              + " without a token: it is not a loopback address, so anyone who reaches"
              + " the port could run tasks. Set a token (BATON_SERVER_TOKEN or server.token-file), listen on"
              + " 127.0.0.1, or, only when a proxy in front authenticates every request, set"
              + " server.allow-unauthenticated-remote: true (--insecure-no-token)");
    }
  }

  /**
   * Loopback, no opt-outs: the settings a local server starts with.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one
   * @param token the Bearer token, or null for none
   * @param maxBodyBytes the largest request body accepted
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ApiSettings(String host, int port, String token, int maxBodyBytes) {
    this(host, port, token, maxBodyBytes, false, List.of(), List.of());
  }

  /**
   * One token for everything, the worker protocol's defaults.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one
   * @param token the Bearer token, or null for none
   * @param maxBodyBytes the largest request body accepted
   * @param allowUnauthenticatedRemote whether a non-loopback address may be bound with no token
   * @param allowedOrigins origins besides the server's own whose browsers may change state
   * @param allowedHosts names accepted in {@code Host} besides loopback names and IP addresses
   * @throws IllegalArgumentException as the canonical constructor
   */
  public ApiSettings(
      String host,
      int port,
      String token,
      int maxBodyBytes,
      boolean allowUnauthenticatedRemote,
      List<String> allowedOrigins,
      List<String> allowedHosts) {
    this(
        host,
        port,
        token,
        maxBodyBytes,
        allowUnauthenticatedRemote,
        allowedOrigins,
        allowedHosts,
        null,
        null,
        null);
  }

  /**
   * Defaults on a given port: 127.0.0.1, no token, the default body limit.
   *
   * @param port the port, 0 for any free one
   * @return the settings
   * @throws IllegalArgumentException if the port is outside 0-65535
   */
  public static ApiSettings onPort(int port) {
    return new ApiSettings(DEFAULT_HOST, port, null, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * The fields, with the token masked.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "ApiSettings[host="
        + host
        + ", port="
        + port
        + ", token="
        + (token == null ? "none" : "****")
        + ", workToken="
        + (workToken == null ? "none" : "****")
        + ", enqueueToken="
        + (enqueueToken == null ? "none" : "****")
        + ", workers="
        + workers
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", allowUnauthenticatedRemote="
        + allowUnauthenticatedRemote
        + ", allowedOrigins="
        + allowedOrigins
        + ", allowedHosts="
        + allowedHosts
        + "]";
  }

  static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "server.host '" + host + "' is not a known address: " + e.getMessage(), e);
    }
  }
}
