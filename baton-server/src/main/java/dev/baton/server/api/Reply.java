package dev.baton.server.api;

/**
 * What a route answers: a status and a body (a {@link Views} record, or text already serialized).
 */
record Reply(int status, Object body, String contentType) {
  static Reply ok(Object body) {
    return new Reply(200, body, "application/json");
  }

  static Reply created(Object body) {
    return new Reply(201, body, "application/json");
  }

  static Reply noContent() {
    return new Reply(204, null, null);
  }
}
