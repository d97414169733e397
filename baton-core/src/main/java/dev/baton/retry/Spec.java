package dev.baton.retry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The pieces of {@link RetryPolicy#parse}: the two shapes and the strict value readers. */
final class Spec {
  private static final String VALUE = "([^ ]+)";

  static final Pattern FIXED = Pattern.compile("fixed delay=" + VALUE + " retries=" + VALUE);

  static final Pattern EXPONENTIAL =
      Pattern.compile(
          "exponential initial="
              + VALUE
              + " multiplier="
              + VALUE
              + " max="
              + VALUE
              + " retries="
              + VALUE
              + " jitter="
              + VALUE);

  // Plain decimals only: Double.parseDouble would also take "NaN", "1e3", "0x1p1" and "2d". The
  // length covers every double written plainly (the smallest has 324 fraction digits).
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,400}(\\.[0-9]{1,400})?");

  // Duration.parse also takes lower case, signs and a decimal comma; the stored form has none.
  private static final Pattern DURATION = Pattern.compile("P[0-9DTHMS.]{1,60}");

  private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

  private Spec() {}

  static Duration duration(String field, String text) {
    if (!DURATION.matcher(text).matches()) {
      throw new IllegalArgumentException(
          field + " must be an ISO-8601 duration such as PT30S but was '" + text + "'");
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be an ISO-8601 duration such as PT30S but was '" + text + "'");
    }
  }

  static double number(String field, String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException(
          field + " must be a decimal number such as 2.0 but was '" + text + "'");
    }
    return Double.parseDouble(text);
  }

  static int count(String field, String text) {
    if (!COUNT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          field + " must be a whole number from 0 but was '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  /** A double as a plain decimal that reads back to the same double: 2.0, 0.1, 10000000000. */
  static String number(double value) {
    return java.math.BigDecimal.valueOf(value).toPlainString();
  }

  /** The text for a message: control characters escaped, long text cut. */
  static String quote(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    StringBuilder out = new StringBuilder(cut.length());
    for (char c : cut.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
