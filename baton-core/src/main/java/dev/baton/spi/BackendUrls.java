package dev.baton.spi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers for backend URLs that every provider shares. URLs are taken apart by {@link BackendUrl}.
 */
public final class BackendUrls {
  /** What a secret becomes. */
  public static final String MASK = "****";

  // A parameter whose name holds one of these words carries a secret (sslpassword,
  // keyStorePassword,
  // apiKey, access_token...). A bare "key" is left out on purpose: sslkey and the like name files.
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "pass|pwd|.*(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
              + "|credential).*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PARAMETER =
      Pattern.compile("(^|[?&;])([A-Za-z0-9_.\\-]+)=((?:[^&;#\\s'\"]|['\"](?![\\s:,;)]|$))*)");

  private BackendUrls() {}

  /**
   * Hides every secret in a URL, or in a message that quotes URLs: the password of {@code
   * user:password@host} whatever characters it holds ({@code @}, {@code /}, {@code :}...), the
   * whole user-info of a Redis URL without a colon ({@code redis://PASSWORD@host}), and the value
   * of every parameter whose name says it is a secret ({@code password}, {@code sslpassword},
   * {@code keyStorePassword}, {@code pwd}, {@code secret}, {@code token}, {@code apikey}...), after
   * {@code ?}, {@code &} or {@code ;}, in nested URLs too. Each becomes {@code ****}; the scheme,
   * user, hosts, path and other parameters stay readable. Use it for every message, log line and
   * response that shows a URL.
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
    // Where the user-info ends and where its password starts come from BackendUrl, the parser the
    // backends connect with, so the two cannot disagree.
    StringBuilder out = new StringBuilder(text.length());
    Matcher scheme = BackendUrl.schemes(text);
    int copied = 0;
    int from = 0;
    while (from < text.length() && scheme.find(from)) {
      int start = scheme.end();
      BackendUrl.Family family = BackendUrl.Family.of(scheme.group(1));
      int next = BackendUrl.segmentEnd(text, start);
      int at = BackendUrl.userInfoEnd(text, start, next);
      if (at >= 0) {
        String userInfo = text.substring(start, at);
        int secret = family.passwordStart(userInfo);
        out.append(text, copied, start);
        if (secret >= 0) {
          out.append(userInfo, 0, secret).append(MASK);
        } else {
          out.append(userInfo);
        }
        copied = at;
      }
      from = next;
    }
    return out.append(text, copied, text.length()).toString();
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
