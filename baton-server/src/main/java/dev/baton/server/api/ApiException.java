package dev.baton.server.api;

/** A request the API refuses, with the HTTP status and the field and value at fault. */
final class ApiException extends RuntimeException {
  final int status;
  final String field;
  final Object value;
  final String type;

  ApiException(int status, String field, Object value, String message) {
    this(status, field, value, message, null);
  }

  ApiException(int status, String field, Object value, String message, Throwable cause) {
    this(status, field, value, message, cause, "about:blank");
  }

  ApiException(
      int status, String field, Object value, String message, Throwable cause, String type) {
    super(message, cause);
    this.status = status;
    this.field = field;
    this.value = value;
    this.type = type;
  }

  static ApiException badRequest(String field, Object value, String message) {
    return new ApiException(400, field, value, message);
  }
}
