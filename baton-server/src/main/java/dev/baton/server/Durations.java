package dev.baton.server;

import java.time.Duration;
import java.util.Locale;

/**
 * The one duration grammar of the command line, the configuration file and the REST API: short
 * forms {@code 500ms 30s 2m 1h 1d} or ISO-8601 {@code PT2M}.
 */
public final class Durations {
  private Durations() {}

  /**
   * Reads a duration.
   *
   * @param text the text, such as {@code 30s} or {@code PT30S}
   * @return the duration
   * @throws IllegalArgumentException if the text is not a duration in either form
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new NumberFormatException(text);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration", e);
    }
  }
}
