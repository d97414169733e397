package dev.baton.server.api;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host the address to bind, such as {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port; 0 picks a free one
 * @param token the Bearer token every request but health needs, or null for none
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 */
public record ApiSettings(String host, int port, String token, int maxBodyBytes) {
  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default body limit: 1 MiB plus room for the envelope around a payload. */
  public static final int DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException if the port is outside 0-65535, the body limit is below 1 or
   *     the token is blank
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
    host = host == null ? "0.0.0.0" : host;
  }

  /**
   * Defaults on a given port: all interfaces, no token, the default body limit.
   *
   * @param port the port, 0 for any free one
   * @return the settings
   * @throws IllegalArgumentException if the port is outside 0-65535
   */
  public static ApiSettings onPort(int port) {
    return new ApiSettings("0.0.0.0", port, null, DEFAULT_MAX_BODY_BYTES);
  }
}
