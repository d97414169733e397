package dev.baton;

import java.time.Instant;
import java.util.Objects;

/**
 * One failed attempt in a task's error history.
 *
 * @param at when the attempt failed
 * @param attempt the attempt number, from 1
 * @param message what went wrong
 * @param exceptionClass the class of the exception, or a short kind such as {@code timeout} or
 *     {@code lease-expired} when no exception was thrown
 * @param stackTrace a trimmed stack trace, possibly empty
 */
public record TaskError(
    Instant at, int attempt, String message, String exceptionClass, String stackTrace) {
  /** The longest stack trace kept per attempt, in characters. */
  public static final int MAX_STACK_CHARS = 4000;

  /** The longest message kept per attempt, in characters. */
  public static final int MAX_MESSAGE_CHARS = 2000;

  /**
   * Normalises the fields: nulls become empty strings and long texts are trimmed.
   *
   * @throws NullPointerException if {@code at} is null
   */
  public TaskError {
    Objects.requireNonNull(at, "at");
    message = trim(message == null ? "" : message, MAX_MESSAGE_CHARS);
    exceptionClass = exceptionClass == null ? "" : exceptionClass;
    stackTrace = trim(stackTrace == null ? "" : stackTrace, MAX_STACK_CHARS);
  }

  /**
   * Describes a thrown exception, keeping its first frames and its causes' headlines.
   *
   * @param at when the attempt failed
   * @param attempt the attempt number
   * @param error what the handler threw
   * @return the error entry
   */
  public static TaskError of(Instant at, int attempt, Throwable error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    return new TaskError(at, attempt, message, error.getClass().getName(), stackOf(error));
  }

  private static String stackOf(Throwable error) {
    var out = new StringBuilder();
    Throwable current = error;
    for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(current).append('\n');
      StackTraceElement[] frames = current.getStackTrace();
      int shown = Math.min(frames.length, depth == 0 ? 12 : 4);
      for (int i = 0; i < shown; i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ").append(frames.length - shown).append(" more\n");
      }
    }
    return out.toString();
  }

  private static String trim(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
