package dev.baton.spi;

import java.util.regex.Pattern;

/** Helpers for backend URLs that every provider shares. */
public final class BackendUrls {
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:?#]*:)[^@/?#]*@");
  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("((?:^|[?&;])(?:password|pass|pwd)=)[^&;]*", Pattern.CASE_INSENSITIVE);

  private BackendUrls() {}

  /**
   * Hides any password in a URL: the one in {@code user:password@host} and any {@code password=}
   * parameter become {@code ****}. Use it for every message and log line that shows a URL.
   *
   * @param url the URL, possibly null
   * @return the URL with passwords masked, or {@code "null"}
   */
  public static String mask(String url) {
    if (url == null) {
      return "null";
    }
    String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1****@");
    return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
  }
}
