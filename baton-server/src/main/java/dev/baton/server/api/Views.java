package dev.baton.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Enqueued;
import dev.baton.TaskError;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.schedule.MisfirePolicy;
import dev.baton.schedule.ScheduleKind;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.schedule.ScheduleState;
import dev.baton.server.NodeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The REST answers as records, written by {@link ApiJson#MAPPER}: fields in declaration order
 * (openapi.yaml documents them, and OpenApiTest holds the two together), a null written as null
 * unless a field says otherwise, times and durations in ISO-8601, stored JSON text embedded as
 * JSON.
 */
final class Views {
  private Views() {}

  /** A task, {@code TaskRecord} without its lease token and sequence. */
  record TaskView(
      String id,
      String type,
      String queue,
      TaskStatus status,
      JsonNode payload,
      int priority,
      Instant runAt,
      int attempts,
      int maxAttempts,
      String retryPolicy,
      Duration timeout,
      String leaseOwner,
      Instant leaseDeadline,
      JsonNode state,
      JsonNode result,
      List<TaskError> errors,
      Duration executionTime,
      String correlationId,
      String owner,
      String scheduleId,
      Instant createdAt,
      Instant startedAt,
      Instant finishedAt,
      Instant updatedAt) {
    static TaskView of(TaskRecord t) {
      return new TaskView(
          t.id().value(),
          t.type(),
          t.queue(),
          t.status(),
          ApiJson.parse(t.payload()),
          t.priority(),
          t.runAt(),
          t.attempts(),
          t.maxAttempts(),
          t.retryPolicy(),
          t.timeout(),
          t.leaseOwner(),
          t.leaseDeadline(),
          ApiJson.parse(t.state()),
          ApiJson.parse(t.result()),
          t.errors(),
          t.executionTime(),
          t.correlationId(),
          t.owner(),
          t.scheduleId(),
          t.createdAt(),
          t.startedAt(),
          t.finishedAt(),
          t.updatedAt());
    }
  }

  /** A schedule, {@code ScheduleRecord} without its version, with its derived state. */
  record ScheduleView(
      String name,
      ScheduleKind kind,
      String expression,
      String zone,
      String type,
      JsonNode payload,
      String queue,
      int priority,
      long maxRuns,
      long runCount,
      boolean enabled,
      ScheduleState state,
      Instant lastRunAt,
      Instant nextRunAt,
      String description,
      MisfirePolicy misfire,
      Instant createdAt,
      Instant updatedAt) {
    static ScheduleView of(ScheduleRecord s) {
      return new ScheduleView(
          s.name(),
          s.kind(),
          s.expression(),
          s.zone(),
          s.taskType(),
          ApiJson.parse(s.payload()),
          s.queue(),
          s.priority(),
          s.maxRuns(),
          s.runCount(),
          s.enabled(),
          s.state(),
          s.lastRunAt(),
          s.nextRunAt(),
          s.description(),
          s.misfirePolicy(),
          s.createdAt(),
          s.updatedAt());
    }
  }

  /** An enqueue's answer: the id, and whether this call made the task. */
  record EnqueuedView(String id, boolean created) {
    static EnqueuedView of(Enqueued e) {
      return new EnqueuedView(e.id().value(), e.created());
    }
  }

  /** A batch enqueue's answer, one entry per task in the request's order. */
  record Batch(List<EnqueuedView> tasks) {}

  /** One page of a listing: {@code limit} as asked, {@code total} over every page. */
  record PageView<T>(List<T> items, long total, int offset, int limit) {}

  /** A whole listing. */
  record Items<T>(List<T> items) {}

  /** A cancel's answer. */
  record Canceled(String id, boolean canceled) {}

  /** A retry's answer. */
  record Retried(String id, boolean retried) {}

  /** The bulk retry's answer: how many FAILED tasks went back to the queue. */
  record RetriedCount(long retried) {}

  /** A schedule's next fire times. */
  record NextTimes(String name, List<Instant> times) {}

  /** A queue's counts by status, with QUEUED split into ready and scheduled. */
  record QueueView(
      String queue, boolean paused, Map<String, Long> counts, long ready, long scheduled) {}

  /** A pause's or resume's answer: {@code changed} is false when the queue already was so. */
  record QueuePaused(String queue, boolean paused, boolean changed) {}

  /** The nodes, which of them answered, and the remote workers registered with this server. */
  record Nodes(String self, List<NodeView> items, List<RemoteWorkerView> workers) {}

  /** A worker of the HTTP worker protocol registered with this server, and the tasks it holds. */
  record RemoteWorkerView(
      String id,
      Map<String, String> labels,
      List<String> queues,
      List<String> types,
      int concurrency,
      int leases,
      List<TaskRef> tasks,
      Instant registeredAt,
      Instant lastHeartbeat,
      Instant seenAt) {}

  /** A worker registration's answer: the timing the worker must keep. */
  record WorkerRegistered(
      String id,
      Duration heartbeatInterval,
      int missedHeartbeats,
      Duration lease,
      Duration maxWait) {}

  /** A fetch's answer: the worker's orders and the tasks it now holds. */
  record Fetched(String state, List<LeasedView> tasks) {}

  /**
   * A task handed to a remote worker, with the lease it settles the task by and the run's time
   * limit (the server does not enforce it on a remote run: the worker does, and the lease bounds
   * it).
   */
  record LeasedView(
      String id,
      String type,
      String queue,
      JsonNode payload,
      int attempt,
      int maxAttempts,
      Duration timeout,
      JsonNode state,
      String correlationId,
      String lease,
      Instant leaseDeadline) {
    static LeasedView of(TaskRecord t, String lease) {
      return new LeasedView(
          t.id().value(),
          t.type(),
          t.queue(),
          ApiJson.parse(t.payload()),
          t.attempts(),
          t.maxAttempts(),
          t.timeout(),
          ApiJson.parse(t.state()),
          t.correlationId(),
          lease,
          t.leaseDeadline());
    }
  }

  /** A heartbeat's answer: orders, leases held after the renewal, and tasks lost since the last. */
  record HeartbeatView(String state, int leases, List<String> lost) {}

  /** A settlement's answer: the task's new status. */
  record Settled(String id, TaskStatus status) {}

  /** An extension's answer: when the lease ends now. */
  record Extended(String id, Instant leaseDeadline) {}

  /** A batch settlement's answer, one result per settlement in order. */
  record SettleResults(List<SettleResult> results) {}

  /**
   * One settlement's result: the new status, or why it was refused ({@code lease-lost}, {@code
   * not-found}).
   */
  record SettleResult(
      String task,
      @JsonInclude(JsonInclude.Include.NON_NULL) TaskStatus status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String error) {}

  /**
   * A node: its heartbeat's fields when it has one (none for a lease owner without a heartbeat),
   * then how many tasks it runs and the first of them.
   */
  record NodeView(
      String node, @JsonUnwrapped Beat beat, boolean alive, int running, List<TaskRef> tasks) {}

  /** A heartbeat without its node id, which {@link NodeView} writes first. */
  record Beat(
      String role,
      String url,
      int workers,
      List<String> queues,
      List<String> types,
      Instant startedAt,
      Instant seenAt) {
    static Beat of(NodeRegistry.Heartbeat h) {
      return new Beat(
          h.role(), h.url(), h.workers(), h.queues(), h.types(), h.startedAt(), h.seenAt());
    }
  }

  /** A running task as a node list shows it. */
  record TaskRef(String id, String type, String queue) {}

  /** A health probe's answer; the detail only when DOWN. */
  record Health(String status, @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {}

  /** The keys under a prefix. */
  record Keys(String prefix, List<String> keys) {}

  /** A stored value. */
  record KvValue(String key, JsonNode value) {}

  /** The start latency of the last whole second, for the event stream. */
  record Latency(long count, double p50Ms, double p99Ms, double maxMs) {}

  /**
   * An RFC 9457 problem document; {@code requestId} only where the log has the error, {@code field}
   * and {@code value} only when known.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Problem(
      String type,
      String title,
      int status,
      String detail,
      String instance,
      String requestId,
      String field,
      String value) {}
}
