package dev.baton.internal;

import dev.baton.Enqueue;
import dev.baton.InvalidPayloadException;
import dev.baton.TaskId;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.NewTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Turns requests into fully resolved tasks: type checked, payload JSON, every default applied. */
final class TaskFactory {
  private final Types types;
  private final Json json;
  private final RetryPolicy retry;
  private final int maxPayloadBytes;

  TaskFactory(Types types, Json json, RetryPolicy retry, int maxPayloadBytes) {
    this.types = types;
    this.json = json;
    this.retry = retry;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  NewTask resolve(TaskRequest request, Instant now, String field) {
    TaskType<?> type = typeOf(request);
    String payload = payloadOf(request, type, field);
    Enqueue options = request.options();
    Instant runAt = options.runAt();
    if (options.delay() != null && !options.delay().isZero()) {
      runAt = now.plus(options.delay());
    }
    runAt = Plan.ceilMicros(runAt);
    return new NewTask(
        options.id() != null ? options.id() : TaskId.random(),
        type.name(),
        options.queue() != null ? options.queue() : type.queue(),
        payload,
        options.priority() != null ? options.priority() : type.priority(),
        runAt,
        options.maxAttempts() != null ? options.maxAttempts() : maxAttempts(type),
        options.timeout() != null ? options.timeout() : type.timeout(),
        options.correlationId(),
        options.owner(),
        null);
  }

  TaskType<?> typeOf(TaskRequest request) {
    return request.type() != null ? types.ensure(request.type()) : types.require(request.typeName());
  }

  String payloadOf(TaskRequest request, TaskType<?> type, String field) {
    String payload;
    if (request.payload() instanceof TaskRequest.RawJson raw) {
      payload = json.canonical(raw.json(), type.payloadType(), field);
    } else if (type.payloadType().isInstance(request.payload())) {
      payload = json.write(request.payload(), field);
    } else {
      throw new InvalidPayloadException(
          field,
          "expected a " + type.payloadType().getName() + " for task type '" + type.name()
              + "' but was a " + request.payload().getClass().getName(),
          null);
    }
    // Each char is at most 3 UTF-8 bytes; count exactly only when that bound could pass the limit.
    if ((long) payload.length() * 3 > maxPayloadBytes) {
      int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxPayloadBytes) {
        throw new InvalidPayloadException(
            field, "is " + bytes + " bytes of JSON, over the limit of " + maxPayloadBytes + " bytes", null);
      }
    }
    return payload;
  }

  /** The attempt limit for a type this node may not know (a schedule made elsewhere). */
  int maxAttempts(String typeName) {
    return maxAttempts(types.type(typeName));
  }

  private int maxAttempts(TaskType<?> type) {
    return type != null && type.maxAttempts() > 0 ? type.maxAttempts() : retry.maxAttempts();
  }

  java.time.Duration timeout(String typeName) {
    TaskType<?> type = types.type(typeName);
    return type == null ? null : type.timeout();
  }
}
