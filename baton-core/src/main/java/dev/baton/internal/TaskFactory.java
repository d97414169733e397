package dev.baton.internal;

import dev.baton.Enqueue;
import dev.baton.InvalidPayloadException;
import dev.baton.PayloadTooLargeException;
import dev.baton.TaskId;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.NewTask;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns requests into fully resolved tasks: type checked, payload JSON, every default applied. */
final class TaskFactory {
  private static final int MAX_CACHED_SPECS = 256;

  private final TaskTypes types;
  private final Json json;
  private final RetryPolicy retry;
  private final String retrySpec;
  private final java.util.concurrent.ConcurrentHashMap<RetryPolicy, String> specs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final int maxPayloadBytes;

  TaskFactory(TaskTypes types, Json json, RetryPolicy retry, int maxPayloadBytes) {
    this.types = types;
    this.json = json;
    this.retry = retry;
    this.retrySpec = retry.spec();
    this.maxPayloadBytes = maxPayloadBytes;
  }

  NewTask resolve(TaskRequest request, Instant now, String field) {
    return resolve(request, now, field, null);
  }

  /**
   * Resolves a request whose payload may be written already.
   *
   * @param written the payload's JSON from {@link #writePayloads}, or null to write it here
   */
  NewTask resolve(TaskRequest request, Instant now, String field, String written) {
    TaskType<?> type = typeOf(request);
    String payload = payloadOf(request, type, field, written);
    Enqueue options = request.options();
    Instant runAt = options.runAt();
    if (options.delay() != null && !options.delay().isZero()) {
      runAt = now.plus(options.delay());
      if (runAt.isAfter(Enqueue.MAX_RUN_AT)) {
        throw new IllegalArgumentException(
            "delay must end by "
                + Enqueue.MAX_RUN_AT
                + " but was "
                + options.delay()
                + " (now plus the delay is "
                + runAt
                + ")");
      }
    }
    runAt = Plan.ceilMicros(runAt);
    return NewTask.builder()
        .id(options.id() != null ? printable(options.id()) : TaskId.random())
        .type(type.name())
        .queue(options.queue() != null ? options.queue() : type.queue())
        .payload(payload)
        .priority(options.priority() != null ? options.priority() : type.priority())
        .runAt(runAt)
        .maxAttempts(maxAttempts(options, type))
        .retryPolicy(retrySpec(options.retry() != null ? options.retry() : type.retry()))
        .timeout(options.timeout() != null ? options.timeout() : type.timeout())
        .correlationId(options.correlationId())
        .owner(options.owner())
        .build();
  }

  // Ids travel in URLs, logs and terminals; a control character there hides or forges text. Checked
  // at enqueue rather than in TaskId, so that a record stored by an earlier version still reads.
  private static TaskId printable(TaskId id) {
    if (Text.hasControl(id.value())) {
      throw new IllegalArgumentException(
          "task id must not contain control characters but was '"
              + Text.escapeControl(id.value())
              + "'");
    }
    return id;
  }

  /**
   * Writes the object payloads of a batch in one pass ({@link Json#writeEach}), for {@link
   * #resolve(TaskRequest, Instant, String, String)}; raw JSON is left to be checked there. The
   * payload checks stay where they were: a payload of the wrong class is refused there, its text
   * unused.
   *
   * @return the written payloads by request (null for raw JSON), or null if one could not be
   *     written: resolving one by one then names the request and field as ever
   */
  String[] writePayloads(List<TaskRequest> requests) {
    List<Object> values = new ArrayList<>(requests.size());
    for (TaskRequest request : requests) {
      if (!(request.payload() instanceof TaskRequest.RawJson)) {
        values.add(request.payload());
      }
    }
    List<String> texts;
    try {
      texts = json.writeEach(values);
    } catch (RuntimeException e) {
      return null;
    }
    String[] written = new String[requests.size()];
    for (int i = 0, next = 0; i < written.length; i++) {
      if (!(requests.get(i).payload() instanceof TaskRequest.RawJson)) {
        written[i] = texts.get(next++);
      }
    }
    return written;
  }

  TaskType<?> typeOf(TaskRequest request) {
    return request.type() != null
        ? types.ensure(request.type())
        : types.require(request.typeName());
  }

  String payloadOf(TaskRequest request, TaskType<?> type, String field) {
    return payloadOf(request, type, field, null);
  }

  private String payloadOf(TaskRequest request, TaskType<?> type, String field, String written) {
    String payload;
    if (request.payload() instanceof TaskRequest.RawJson raw) {
      payload = json.canonical(raw.json(), type.payloadType(), field);
    } else if (type.payloadType().isInstance(request.payload())) {
      payload = written != null ? written : json.write(request.payload(), field);
    } else {
      throw new InvalidPayloadException(
          field,
          "expected a "
              + type.payloadType().getName()
              + " for task type '"
              + type.name()
              + "' but was a "
              + request.payload().getClass().getName(),
          null);
    }
    if (payload.equals("null")) {
      // A typed enqueue refuses a null payload; one by name (JSON null, a NullNode) is refused
      // alike.
      throw new InvalidPayloadException(
          field,
          "must not be null for task type '" + type.name() + "'; use {} for an empty payload",
          null);
    }
    // Each char is at most 3 UTF-8 bytes; count exactly only when that bound could pass the limit.
    if ((long) payload.length() * 3 > maxPayloadBytes) {
      int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxPayloadBytes) {
        throw new PayloadTooLargeException(field, bytes, maxPayloadBytes);
      }
    }
    return payload;
  }

  /** The attempt limit for a type this node may not know (a schedule made elsewhere). */
  int maxAttempts(String typeName) {
    return maxAttempts(Enqueue.options(), types.type(typeName));
  }

  /** The retry policy's text for a type this node may not know (a schedule made elsewhere). */
  String retrySpec(String typeName) {
    TaskType<?> type = types.type(typeName);
    return retrySpec(type == null ? null : type.retry());
  }

  // The order is TaskType's documented one: an explicit limit beats a policy's on the same level.
  static int maxAttempts(Enqueue options, TaskType<?> type, RetryPolicy fallback) {
    if (options.maxAttempts() != null) {
      return options.maxAttempts();
    }
    if (options.retry() != null) {
      return options.retry().maxAttempts();
    }
    if (type != null && type.maxAttempts() > 0) {
      return type.maxAttempts();
    }
    if (type != null && type.retry() != null) {
      return type.retry().maxAttempts();
    }
    return fallback.maxAttempts();
  }

  private int maxAttempts(Enqueue options, TaskType<?> type) {
    return maxAttempts(options, type, retry);
  }

  /**
   * The stored text of a policy, or of this node's when null. Texts are written once per policy and
   * shared by the tasks that store them (the memory store keeps one per task).
   */
  private String retrySpec(RetryPolicy policy) {
    if (policy == null || policy.equals(retry)) {
      return retrySpec;
    }
    String spec = specs.get(policy);
    if (spec == null) {
      spec = policy.spec();
      // Task types bring a handful of policies; the cap only guards against per-task ones that all
      // differ.
      if (specs.size() < MAX_CACHED_SPECS) {
        specs.putIfAbsent(policy, spec);
      }
    }
    return spec;
  }

  java.time.Duration timeout(String typeName) {
    TaskType<?> type = types.type(typeName);
    return type == null ? null : type.timeout();
  }
}
