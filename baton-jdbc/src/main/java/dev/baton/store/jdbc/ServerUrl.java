package dev.baton.store.jdbc;

import dev.baton.spi.BackendUrl;
import dev.baton.spi.BackendUrls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database server's backend URL taken apart: the JDBC URL for the driver, the login, and Baton's
 * own {@code baton.*} options, which the driver never sees. The login leaves the URL (from {@code
 * user:password@host}, split off by {@link BackendUrl} as the password mask does, or {@code
 * user=}/{@code password=} parameters) so that no pool or driver log line can print the password.
 */
record ServerUrl(
    String jdbcUrl,
    String user,
    String password,
    boolean callerClock,
    int poolSize,
    boolean listen) {
  static final int DEFAULT_POOL_SIZE = 10;

  /**
   * Parses a URL of one of {@code schemes}; the first scheme is the driver's, and the others are
   * rewritten to it ({@code jdbc:mysql:} goes to the MariaDB driver).
   */
  static ServerUrl parse(String url, String usage, String... schemes) {
    String driverScheme = schemes[0];
    boolean known = false;
    for (String scheme : schemes) {
      known |= url != null && url.startsWith(scheme + "://");
    }
    if (!known) {
      throw malformed(
          url, "it does not start with " + String.join("// or ", schemes) + "//", usage);
    }
    // The login is split off by BackendUrl, whose rules the password mask reads by too.
    BackendUrl parts;
    try {
      parts = BackendUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw malformed(url, e.getMessage(), usage);
    }
    String user = parts.user();
    String password = parts.password();
    String authority = parts.hosts() + (parts.path() == null ? "" : "/" + parts.path());
    if (parts.hosts().isBlank()) {
      throw malformed(url, "the host is missing", usage);
    }
    Map<String, String> options = new LinkedHashMap<>();
    List<String> driverParams = new ArrayList<>();
    if (parts.query() != null) {
      for (String param : parts.query().split("&")) {
        if (param.isEmpty()) {
          continue;
        }
        int eq = param.indexOf('=');
        String name = eq < 0 ? param : param.substring(0, eq);
        String value = eq < 0 ? "" : decode(param.substring(eq + 1), url, usage);
        if (name.startsWith("baton.")) {
          options.put(name, value);
        } else if (name.equals("user")) {
          user = value;
        } else if (name.equals("password")) {
          password = value;
        } else {
          driverParams.add(param);
        }
      }
    }
    String jdbcUrl =
        driverScheme
            + "://"
            + authority
            + (driverParams.isEmpty() ? "" : "?" + String.join("&", driverParams));
    boolean callerClock =
        switch (options.getOrDefault("baton.clock", "database")) {
          case "database" -> false;
          case "caller" -> true;
          default ->
              throw malformed(
                  url,
                  "baton.clock must be 'database' or 'caller' but was '"
                      + options.get("baton.clock")
                      + "'",
                  usage);
        };
    int poolSize;
    try {
      poolSize = Integer.parseInt(options.getOrDefault("baton.pool", "" + DEFAULT_POOL_SIZE));
    } catch (NumberFormatException e) {
      poolSize = 0;
    }
    if (poolSize < 1) {
      throw malformed(
          url,
          "baton.pool must be a number >= 1 but was '" + options.get("baton.pool") + "'",
          usage);
    }
    boolean listen =
        switch (options.getOrDefault("baton.listen", "true")) {
          case "true" -> true;
          case "false" -> false;
          default ->
              throw malformed(
                  url,
                  "baton.listen must be 'true' or 'false' but was '"
                      + options.get("baton.listen")
                      + "'",
                  usage);
        };
    for (String name : options.keySet()) {
      if (!List.of("baton.clock", "baton.pool", "baton.listen").contains(name)) {
        throw malformed(
            url,
            "unknown option '" + name + "' (known: baton.clock, baton.pool," + " baton.listen)",
            usage);
      }
    }
    return new ServerUrl(jdbcUrl, user, password, callerClock, poolSize, listen);
  }

  private static String decode(String text, String url, String usage) {
    try {
      return BackendUrl.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(url, e.getMessage(), usage);
    }
  }

  static IllegalArgumentException malformed(String url, String why, String usage) {
    return new IllegalArgumentException(
        "Malformed backend URL '" + BackendUrls.mask(url) + "': " + why + "; " + usage);
  }

  @Override
  public String toString() {
    return "ServerUrl[" + jdbcUrl + ", user " + user + "]";
  }
}
