package dev.baton.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend URL of the {@code scheme://[user-info@]hosts[/path][?query]} form taken apart by the
 * rules of its scheme's {@link Family}. The backends read their URLs through it to connect, and
 * {@link BackendUrls#mask} finds passwords through the same two rules ({@link #userInfoEnd} for
 * where the user-info ends, {@link Family#passwordStart} for where the password starts in it), so
 * what a backend logs in with is exactly what the mask hides. The user-info ends at the last
 * {@code @} before the query, so a password may hold {@code @}, {@code /} and {@code :}; {@code %}
 * escapes are decoded and a {@code +} stays a {@code +}.
 *
 * <p>{@code sqlite:PATH} and {@code memory:} have no user-info and are read by their providers.
 *
 * @param scheme what comes before {@code ://}, such as {@code jdbc:postgresql} or {@code rediss}
 * @param family how the scheme's user-info is read
 * @param user the decoded user name, or null when the user-info names none (it may be empty, as in
 *     {@code :password@})
 * @param password the decoded password, or null when the user-info holds none
 * @param hosts the raw hosts part, {@code host[:port]} or a comma list of them; may be empty
 * @param path the raw path after the first {@code /} behind the hosts, or null when there is no
 *     {@code /}
 * @param query the raw query after the {@code ?}, or null when there is none
 */
public record BackendUrl(
    String scheme,
    Family family,
    String user,
    String password,
    String hosts,
    String path,
    String query) {

  // The same pattern finds URLs in any text for the mask: the scheme proper, without "jdbc:".
  private static final Pattern SCHEME_END = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*)://");
  private static final Pattern NEXT_URL = Pattern.compile(",(?=[A-Za-z][A-Za-z0-9+.\\-]*://)");

  /** How a family of schemes writes its login. */
  public enum Family {
    /**
     * {@code jdbc:postgresql}, {@code jdbc:mariadb}, {@code jdbc:mysql}: {@code user[:password]}.
     */
    SQL_SERVER,
    /**
     * {@code redis}, {@code rediss}, {@code redis-sentinel}, {@code redis-cluster}: {@code
     * [user]:password}, or a password alone ({@code redis://password@host}).
     */
    REDIS,
    /** {@code amqp}, {@code amqps}: {@code user[:password]}. */
    AMQP,
    /** Any other scheme ({@code http}, {@code postgresql}...): {@code user[:password]}. */
    OTHER;

    /**
     * The family of a scheme, with or without a {@code jdbc:} in front. Every scheme starting with
     * {@code redis} counts as Redis, so that a misspelt one is still masked as strictly.
     *
     * @param scheme the scheme, such as {@code jdbc:mysql} or {@code redis-sentinel}
     * @return its family, OTHER when unknown
     */
    public static Family of(String scheme) {
      String s = scheme.toLowerCase(Locale.ROOT);
      if (s.startsWith("jdbc:")) {
        s = s.substring("jdbc:".length());
      }
      if (s.startsWith("redis")) {
        return REDIS;
      }
      return switch (s) {
        case "postgresql", "mariadb", "mysql" -> SQL_SERVER;
        case "amqp", "amqps" -> AMQP;
        default -> OTHER;
      };
    }

    /**
     * Where the password starts within a raw user-info: after the first {@code :}, or at its start
     * for a Redis user-info without one.
     *
     * @param userInfo the user-info as written, between {@code ://} and its {@code @}
     * @return the index of the password's first character, or -1 when the user-info holds none
     */
    public int passwordStart(String userInfo) {
      int colon = userInfo.indexOf(':');
      if (colon >= 0) {
        return colon + 1;
      }
      return this == REDIS && !userInfo.isEmpty() ? 0 : -1;
    }
  }

  /**
   * A host and its port.
   *
   * @param host the host name or address as written (an IPv6 address keeps its brackets)
   * @param port the port, or the default given to {@link #hostPort}
   */
  public record HostPort(String host, int port) {}

  /**
   * Takes a URL apart. The user-info is read within the URL's first {@code scheme://} part (a URL
   * nested in the query, such as RabbitMQ's {@code state=}, has its own); the hosts, path and query
   * follow it.
   *
   * @param url the URL
   * @return its parts
   * @throws IllegalArgumentException if the URL is null or has no {@code scheme://}, or its
   *     user-info holds a malformed {@code %} escape; the message never quotes the URL
   */
  public static BackendUrl parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("the URL is null");
    }
    int sep = url.indexOf("://");
    if (sep <= 0) {
      throw new IllegalArgumentException("it has no 'scheme://'");
    }
    String scheme = url.substring(0, sep);
    Family family = Family.of(scheme);
    int start = sep + 3;
    int at = userInfoEnd(url, start, segmentEnd(url, start));
    String user = null;
    String password = null;
    int after = start;
    if (at >= 0) {
      String info = url.substring(start, at);
      int secret = family.passwordStart(info);
      if (secret < 0) {
        user = decodeLogin(info);
      } else {
        user = secret == 0 ? null : decodeLogin(info.substring(0, secret - 1));
        password = decodeLogin(info.substring(secret));
      }
      after = at + 1;
    }
    String rest = url.substring(after);
    String query = null;
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String path = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash + 1);
      rest = rest.substring(0, slash);
    }
    return new BackendUrl(scheme, family, user, password, rest, path, query);
  }

  /**
   * Takes apart a comma list of whole URLs ({@code redis://a:7000,redis://b:7001}), each with its
   * own user-info, the way {@link BackendUrls#mask} reads such a list. A URL without a comma before
   * a second {@code scheme://} gives a list of one.
   *
   * @param url the list
   * @return the parts of each URL, in order
   * @throws IllegalArgumentException as {@link #parse} does, for any of them
   */
  public static List<BackendUrl> parseList(String url) {
    if (url == null) {
      throw new IllegalArgumentException("the URL is null");
    }
    List<BackendUrl> all = new ArrayList<>();
    for (String one : NEXT_URL.split(url, -1)) {
      all.add(parse(one));
    }
    return all;
  }

  /**
   * The hosts of {@link #hosts()}, split at commas.
   *
   * @param defaultPort the port of a host that names none
   * @return each host with its port
   * @throws IllegalArgumentException if a host is empty or a port is not a number from 1 to 65535
   */
  public List<HostPort> hostList(int defaultPort) {
    List<HostPort> all = new ArrayList<>();
    for (String host : hosts.split(",", -1)) {
      all.add(hostPort(host, defaultPort));
    }
    return all;
  }

  /**
   * Reads one {@code host[:port]}; an IPv6 address is written in brackets, {@code [::1]:6379}.
   *
   * @param text the host and port as written
   * @param defaultPort the port when none is written
   * @return the host and port
   * @throws IllegalArgumentException if the host is empty or the port is not a number from 1 to
   *     65535
   */
  public static HostPort hostPort(String text, int defaultPort) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a host is empty");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0 || (text.startsWith("[") && colon < text.lastIndexOf(']'))) {
      return new HostPort(text, defaultPort);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the port of '" + text + "' is not a number");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return new HostPort(text.substring(0, colon), port);
  }

  /**
   * Decodes {@code %} escapes as in a URL's user-info or path; a {@code +} stays a {@code +}, as it
   * must in a password.
   *
   * @param text the raw text
   * @return the decoded text
   * @throws IllegalArgumentException if an escape is malformed; the message does not quote the
   *     text, which may be a secret
   */
  public static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a '%' escape is malformed");
    }
  }

  private static String decodeLogin(String text) {
    try {
      return decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a '%' escape in the user-info is malformed");
    }
  }

  /** Shows the URL's parts with the password hidden. */
  @Override
  public String toString() {
    return "BackendUrl["
        + scheme
        + "://"
        + (user == null ? "" : user)
        + (password == null ? "" : ":" + BackendUrls.MASK)
        + (user == null && password == null ? "" : "@")
        + hosts
        + (path == null ? "" : "/" + path)
        + (query == null ? "" : "?" + BackendUrls.mask(query))
        + "]";
  }

  /** The start of the next URL in {@code text} after {@code start}, or the end of the text. */
  static int segmentEnd(CharSequence text, int start) {
    Matcher next = SCHEME_END.matcher(text);
    return next.find(start) ? next.start() : text.length();
  }

  /** A matcher for {@code scheme://} in any text; group 1 is the scheme without {@code jdbc:}. */
  static Matcher schemes(CharSequence text) {
    return SCHEME_END.matcher(text);
  }

  /**
   * The index of the {@code @} that ends the user-info of the authority starting at {@code start},
   * or -1: the last {@code @} after the first {@code ?} or {@code #} that comes before any {@code
   * =}, {@code &} or white space (which would show the {@code ?} starts parameters), so a password
   * may hold {@code ?}; failing that, the last {@code @} before the {@code ?}, so a password may
   * hold {@code @}, {@code /} and {@code :}.
   */
  static int userInfoEnd(CharSequence text, int start, int end) {
    int query = end;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '#' || c == '\n') {
        query = i;
        break;
      }
    }
    int afterQuery = -1;
    for (int i = query; i < end; i++) {
      char c = text.charAt(i);
      if (c == '=' || c == '&' || c == '\n' || Character.isWhitespace(c)) {
        break;
      }
      if (c == '@') {
        afterQuery = i;
      }
    }
    if (afterQuery >= 0) {
      return afterQuery; // the ? or # was in the password
    }
    for (int i = query - 1; i >= start; i--) {
      if (text.charAt(i) == '@') {
        return i;
      }
    }
    return -1;
  }
}
