package dev.baton.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.InvalidPayloadException;
import dev.baton.PayloadTooLargeException;
import dev.baton.TaskNotFoundException;
import dev.baton.UnknownTaskTypeException;
import dev.baton.schedule.ScheduleNotFoundException;
import dev.baton.spi.StoreException;
import java.util.Map;

/**
 * The one table from exceptions to HTTP statuses, and the RFC 9457 problem documents built from
 * them. The most specific class in the table wins: the exception's own class, else its parent's,
 * and so on up, whatever order the entries were added in.
 */
final class Problems {
  static final String CONTENT_TYPE = "application/problem+json";

  /** The type of a 409 for a settlement whose lease is no longer the task's (docs/workers.md). */
  static final String LEASE_LOST = "https://baton.dev/problems/lease-lost";

  private static final Map<Class<? extends Throwable>, Integer> STATUS =
      Map.ofEntries(
          Map.entry(UnknownTaskTypeException.class, 400),
          Map.entry(InvalidPayloadException.class, 400),
          Map.entry(PayloadTooLargeException.class, 413),
          Map.entry(JsonProcessingException.class, 400),
          Map.entry(IllegalArgumentException.class, 400),
          // Out-of-range input that reached java.time or exact arithmetic: the request's fault.
          Map.entry(java.time.DateTimeException.class, 400),
          Map.entry(ArithmeticException.class, 400),
          Map.entry(TaskNotFoundException.class, 404),
          Map.entry(ScheduleNotFoundException.class, 404),
          Map.entry(IllegalStateException.class, 409),
          Map.entry(UnsupportedOperationException.class, 501),
          Map.entry(StoreException.class, 503));

  private Problems() {}

  static int statusOf(Throwable error) {
    if (error instanceof ApiException api) {
      return api.status;
    }
    return statusOf(error, STATUS);
  }

  /**
   * The status of the nearest class in the error's class chain that the table maps, or 500 when
   * none is: a subclass mapped anywhere in the table beats its parent.
   */
  static int statusOf(Throwable error, Map<Class<? extends Throwable>, Integer> table) {
    for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
      Integer status = table.get(type);
      if (status != null) {
        return status;
      }
    }
    return 500;
  }

  /**
   * The problem document for an error. A 500 says nothing of the error itself, which may be a bug's
   * and name the code's insides: the log has it under the request id.
   */
  static Views.Problem of(Throwable error, String instance, String requestId) {
    int status = statusOf(error);
    if (status == 500) {
      String detail =
          "internal error; the server log has the details under request id " + requestId;
      return new Views.Problem(
          "about:blank", title(status), status, detail, instance, requestId, null, null);
    }
    String value = null;
    if (error instanceof ApiException api && api.value != null) {
      value = String.valueOf(api.value);
    } else if (error instanceof UnknownTaskTypeException unknown) {
      value = unknown.typeName();
    }
    String type = error instanceof ApiException api ? api.type : "about:blank";
    return new Views.Problem(
        type,
        title(status),
        status,
        detail(error, status),
        instance,
        requestId,
        fieldOf(error),
        value);
  }

  private static String fieldOf(Throwable error) {
    return switch (error) {
      case ApiException api -> api.field;
      case UnknownTaskTypeException ignored -> "type";
      case InvalidPayloadException invalid -> invalid.field();
      default -> null;
    };
  }

  private static String detail(Throwable error, int status) {
    if (error instanceof java.time.DateTimeException || error instanceof ArithmeticException) {
      return "a time, duration or number in the request is out of range";
    }
    return error.getMessage() == null ? title(status) : error.getMessage();
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 421 -> "Misdirected Request";
      case 501 -> "Not Implemented";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }
}
