package dev.baton.server.cli;

import dev.baton.server.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration flag with {@link Durations#parse}: {@code 500ms 30s 5m 1h 2d} or ISO-8601 {@code
 * PT2M}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** Makes the converter; picocli calls it. */
  public DurationConverter() {}

  /**
   * Reads a duration.
   *
   * @param value the flag's text
   * @return the duration, from zero to {@link Durations#MAX}
   * @throws TypeConversionException with the parser's message when the text is not a duration in
   *     range
   */
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
