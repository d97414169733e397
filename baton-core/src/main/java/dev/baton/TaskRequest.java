package dev.baton;

import java.util.Objects;

/**
 * One task to enqueue, alone or in a batch (see {@link Baton#enqueueAll(java.util.List)}).
 *
 * @param typeName the task type's name
 * @param type the typed descriptor when the caller has one, else null; a descriptor the instance
 *     does not know yet is registered on first use
 * @param payload the payload: an object of the type's payload class, or a {@link RawJson}
 * @param options the enqueue options
 */
public record TaskRequest(String typeName, TaskType<?> type, Object payload, Enqueue options) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if the type name or payload is null
   * @throws IllegalArgumentException if {@code type} is set and named differently
   */
  public TaskRequest {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(payload, "payload");
    if (type != null && !type.name().equals(typeName)) {
      throw new IllegalArgumentException(
          "type name '" + typeName + "' does not match the descriptor's '" + type.name() + "'");
    }
    options = options == null ? Enqueue.options() : options;
  }

  /**
   * A typed request with default options.
   *
   * @param type the task type
   * @param payload the payload
   * @param <T> the payload type
   * @return the request
   */
  public static <T> TaskRequest of(TaskType<T> type, T payload) {
    return of(type, payload, Enqueue.options());
  }

  /**
   * A typed request.
   *
   * @param type the task type
   * @param payload the payload
   * @param options the enqueue options
   * @param <T> the payload type
   * @return the request
   */
  public static <T> TaskRequest of(TaskType<T> type, T payload, Enqueue options) {
    return new TaskRequest(type.name(), type, payload, options);
  }

  /**
   * A request by type name with a JSON payload, as the REST API and the CLI make them. The type
   * must be registered with the Baton instance, and the JSON must map to its payload class.
   *
   * @param typeName the task type's name
   * @param json the payload as JSON text
   * @param options the enqueue options
   * @return the request
   */
  public static TaskRequest json(String typeName, String json, Enqueue options) {
    return new TaskRequest(typeName, null, new RawJson(json), options);
  }

  /**
   * A payload that is already JSON text.
   *
   * @param json the JSON text
   */
  public record RawJson(String json) {
    /**
     * Checks the text is present.
     *
     * @throws NullPointerException if json is null
     */
    public RawJson {
      Objects.requireNonNull(json, "json");
    }
  }
}
