package dev.baton.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for backend URLs that every provider shares. */
public final class BackendUrls {
  /** What a secret becomes. */
  public static final String MASK = "****";

  // A parameter whose name holds one of these words carries a secret (sslpassword, keyStorePassword,
  // apiKey, access_token...). A bare "key" is left out on purpose: sslkey and the like name files.
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "pass|pwd|.*(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
              + "|credential).*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PARAMETER =
      Pattern.compile("(^|[?&;])([A-Za-z0-9_.\\-]+)=((?:[^&;#\\s'\"]|['\"](?![\\s:,;)]|$))*)");
  private static final Pattern SCHEME_END = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*)://");

  private BackendUrls() {}

  /**
   * Hides every secret in a URL, or in a message that quotes URLs: the password of {@code
   * user:password@host} whatever characters it holds ({@code @}, {@code /}, {@code :}...), the whole
   * user-info of a Redis URL without a colon ({@code redis://PASSWORD@host}), and the value of every
   * parameter whose name says it is a secret ({@code password}, {@code sslpassword}, {@code
   * keyStorePassword}, {@code pwd}, {@code secret}, {@code token}, {@code apikey}...), after {@code
   * ?}, {@code &} or {@code ;}, in nested URLs too. Each becomes {@code ****}; the scheme, user, hosts,
   * path and other parameters stay readable. Use it for every message, log line and response that
   * shows a URL.
   *
   * @param url the URL or text, possibly null
   * @return the text with secrets masked, or {@code "null"}
   */
  public static String mask(String url) {
    if (url == null) {
      return "null";
    }
    return maskParameters(maskUserInfo(url));
  }

  private static String maskUserInfo(String text) {
    StringBuilder out = new StringBuilder(text.length());
    Matcher scheme = SCHEME_END.matcher(text);
    int copied = 0;
    int from = 0;
    while (from < text.length() && scheme.find(from)) {
      int start = scheme.end();
      boolean redis = scheme.group(1).toLowerCase(Locale.ROOT).startsWith("redis");
      int next = scheme.find(start) ? scheme.start() : text.length();
      int at = userInfoEnd(text, start, next);
      if (at >= 0) {
        String userInfo = text.substring(start, at);
        int colon = userInfo.indexOf(':');
        out.append(text, copied, start);
        if (colon >= 0) {
          out.append(userInfo, 0, colon + 1).append(MASK);
        } else {
          out.append(redis && !userInfo.isEmpty() ? MASK : userInfo);
        }
        copied = at;
      }
      from = next;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * The index of the {@code @} that ends the user-info of the authority starting at {@code start},
   * or -1. The last {@code @} before the query wins, so a password may hold {@code @} and {@code /};
   * an {@code @} after a {@code ?} counts only while no {@code =} or {@code &} shows it is in a
   * parameter (a password holding {@code ?}).
   */
  private static int userInfoEnd(String text, int start, int end) {
    int query = end;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '#' || c == '\n') {
        query = i;
        break;
      }
    }
    int at = text.lastIndexOf('@', query - 1);
    if (at >= start) {
      return at;
    }
    for (int i = query; i < end; i++) {
      char c = text.charAt(i);
      if (c == '@') {
        return i;
      }
      if (c == '=' || c == '&' || c == '\n' || Character.isWhitespace(c)) {
        return -1;
      }
    }
    return -1;
  }

  private static String maskParameters(String text) {
    Matcher m = PARAMETER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int from = 0; from < text.length() && m.find(from); ) {
      if (SECRET_NAME.matcher(m.group(2)).matches() && !m.group(3).isEmpty()) {
        out.append(text, copied, m.start(3)).append(MASK);
        copied = m.end();
        from = m.end();
      } else {
        // A value may hold a nested URL (RabbitMQ's state=...) with parameters of its own.
        from = m.start(3);
      }
    }
    return out.append(text, copied, text.length()).toString();
  }
}
