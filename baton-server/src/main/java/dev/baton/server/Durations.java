package dev.baton.server;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of the command line, the configuration file, the REST API and the
 * built-in task types' payloads: a whole number with a unit ({@code 500ms 30s 5m 1h 2d}) or
 * ISO-8601 ({@code PT30S}, {@code PT1H30M}, {@code P1D}), case-insensitive, from zero up to {@link
 * #MAX} (100 years). Negative and longer durations are refused, never clamped; whether zero is
 * allowed is up to the caller.
 */
public final class Durations {
  /** The longest duration accepted: 36,500 days, about 100 years. */
  public static final Duration MAX = Duration.ofDays(36_500);

  /** The forms, for messages: what to write instead of a refused text. */
  public static final String FORMS = "500ms, 30s, 5m, 1h, 2d or ISO-8601 such as PT30S or P1D";

  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Reads a duration.
   *
   * @param text the text, such as {@code 30s} or {@code PT30S}; spaces around it are ignored
   * @return the duration, from zero to {@link #MAX}
   * @throws IllegalArgumentException if the text is null or not a duration in either form, or the
   *     duration is negative or longer than {@link #MAX}; the message quotes the text and says
   *     which
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a duration is required; use " + FORMS);
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      duration =
          t.startsWith("p") || t.startsWith("-p") || t.startsWith("+p") ? iso(t) : shortForm(t);
    } catch (ArithmeticException | NumberFormatException e) {
      // Only digits reach Long.parseLong, so a NumberFormatException is an overflow too.
      throw tooLong(text);
    }
    if (duration == null) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is negative; a duration is from 0 up to 100 years ("
              + MAX.toDays()
              + " days)");
    }
    if (duration.compareTo(MAX) > 0) {
      throw tooLong(text);
    }
    return duration;
  }

  private static Duration iso(String t) {
    try {
      return Duration.parse(t.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      // Duration.parse reports an overflow as a parse error caused by the arithmetic or the number.
      if (e.getCause() instanceof ArithmeticException
          || e.getCause() instanceof NumberFormatException) {
        throw new ArithmeticException(e.getMessage());
      }
      return null;
    }
  }

  private static Duration shortForm(String t) {
    Matcher m = SHORT.matcher(t);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static IllegalArgumentException tooLong(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is longer than the maximum of 100 years (" + MAX.toDays() + " days)");
  }
}
