package dev.baton.internal;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cron timing. cron-utils matches the fields; this class walks wall-clock time in the schedule's
 * zone, so daylight saving has one rule: a wall time skipped by a gap fires once, shifted by the
 * gap's length (what {@link ZonedDateTime#ofLocal} does), and a wall time repeated by an overlap
 * fires once, at its earlier offset.
 */
record CronPlan(String expression, ZoneId zone, ExecutionTime wallClock) implements Plan {
  private static final CronParser FIVE_FIELDS = parser(CronType.UNIX);
  private static final CronParser SIX_FIELDS = parser(CronType.SPRING);
  private static final List<String> FIVE_NAMES =
      List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  private static final List<String> SIX_NAMES =
      List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week");
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static CronParser parser(CronType type) {
    CronDefinition definition = CronDefinitionBuilder.instanceDefinitionFor(type);
    return new CronParser(definition);
  }

  static CronPlan parse(String expression, ZoneId zone) {
    String trimmed = expression.trim();
    String fields = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    String[] parts = fields.split("\\s+");
    CronParser parser;
    List<String> names;
    if (parts.length == 5) {
      parser = FIVE_FIELDS;
      names = FIVE_NAMES;
    } else if (parts.length == 6) {
      parser = SIX_FIELDS;
      names = SIX_NAMES;
    } else {
      throw new IllegalArgumentException(
          "bad cron expression '"
              + expression
              + "': expected 5 fields (minute hour day-of-month month"
              + " day-of-week), 6 with seconds first, or a macro such as @daily, but found "
              + (fields.isBlank() ? 0 : parts.length));
    }
    try {
      Cron cron = parser.parse(fields).validate();
      return new CronPlan(expression, zone, ExecutionTime.forCron(cron));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad cron expression '"
              + expression
              + "': "
              + culprit(parser, parts, names)
              + e.getMessage(),
          e);
    }
  }

  /** Names the first field that fails on its own, every other field set to a wildcard. */
  private static String culprit(CronParser parser, String[] parts, List<String> names) {
    for (int i = 0; i < parts.length; i++) {
      String[] probe = new String[parts.length];
      for (int j = 0; j < parts.length; j++) {
        probe[j] = j == i ? parts[i] : "*";
      }
      if (parts.length == 6 && i != 3 && i != 5) {
        probe[5] = "?"; // Spring's six-field form wants one of the two day fields as '?'
      }
      try {
        parser.parse(String.join(" ", probe)).validate();
      } catch (IllegalArgumentException e) {
        return "field " + (i + 1) + " (" + names.get(i) + ") '" + parts[i] + "' is invalid: ";
      }
    }
    return "";
  }

  @Override
  public Instant next(Instant after) {
    // Walk wall-clock time: cron-utils sees the local time as if it were UTC (no transitions).
    LocalDateTime local = after.atZone(zone).toLocalDateTime();
    for (int guard = 0; guard < 1000; guard++) {
      Optional<ZonedDateTime> match = wallClock.nextExecution(local.atZone(ZoneOffset.UTC));
      if (match.isEmpty()) {
        return null;
      }
      local = match.get().toLocalDateTime();
      Instant candidate = ZonedDateTime.ofLocal(local, zone, null).toInstant();
      if (candidate.isAfter(after)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no fire time found after " + after + " for '" + expression + "'");
  }

  @Override
  public Instant first(Instant now) {
    return next(now);
  }
}
