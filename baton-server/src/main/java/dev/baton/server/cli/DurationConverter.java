package dev.baton.server.cli;

import dev.baton.server.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 {@code PT2M}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** Makes the converter; picocli calls it. */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration; use e.g. 500ms, 30s, 2m, 1h or PT2M");
    }
  }
}
