package dev.baton.store.memory;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One task's mutable state inside the memory store; guarded by the store's lock. */
final class StoredTask {
  final TaskId id;
  final String type;
  final String queue;
  final String payload;
  final int priority;
  final int maxAttempts;
  final String retryPolicy;
  final Duration timeout;
  final String correlationId;
  final String owner;
  final String scheduleId;
  final Instant createdAt;
  final long sequence;
  final Lane lane;

  Instant runAt;
  TaskStatus status = TaskStatus.QUEUED;
  int attempts;
  String leaseOwner;
  String leaseToken;
  Instant leaseDeadline;
  String state;
  String result;
  List<TaskError> errors;

  /** Nanoseconds; a Duration here would be one more object per finished task for the GC to copy. */
  long executionNanos;

  Instant startedAt;
  Instant finishedAt;
  Instant updatedAt;

  /** Bumped whenever the entry enters its lane, so older lane nodes for it read as stale. */
  long generation;

  /** Neighbours in {@link Finished} while the entry is terminal. */
  StoredTask finishedPrev;

  StoredTask finishedNext;

  /** Neighbours in insertion order, kept by {@link TaskIndex}. */
  StoredTask olderAdded;

  StoredTask newerAdded;

  StoredTask(NewTask task, Instant now, long sequence, Lane lane) {
    this.id = task.id();
    this.type = task.type();
    this.queue = task.queue();
    this.payload = task.payload();
    this.priority = task.priority();
    this.maxAttempts = task.maxAttempts();
    this.retryPolicy = task.retryPolicy();
    this.timeout = task.timeout();
    this.correlationId = task.correlationId();
    this.owner = task.owner();
    this.scheduleId = task.scheduleId();
    this.createdAt = now;
    this.updatedAt = now;
    this.sequence = sequence;
    this.lane = lane;
    this.runAt = task.runAt() == null ? now : task.runAt();
  }

  /** A restored record; the caller has turned a RUNNING one into QUEUED without a lease. */
  StoredTask(TaskRecord task, long sequence, Lane lane) {
    this.id = task.id();
    this.type = task.type();
    this.queue = task.queue();
    this.payload = task.payload();
    this.priority = task.priority();
    this.maxAttempts = task.maxAttempts();
    this.retryPolicy = task.retryPolicy();
    this.timeout = task.timeout();
    this.correlationId = task.correlationId();
    this.owner = task.owner();
    this.scheduleId = task.scheduleId();
    this.createdAt = task.createdAt();
    this.sequence = sequence;
    this.lane = lane;
    this.runAt = task.runAt();
    this.status = task.status();
    this.attempts = task.attempts();
    this.leaseOwner = task.leaseOwner();
    this.leaseToken = task.leaseToken();
    this.leaseDeadline = task.leaseDeadline();
    this.state = task.state();
    this.result = task.result();
    this.errors = task.errors().isEmpty() ? null : new ArrayList<>(task.errors());
    this.executionNanos = task.executionTime().toNanos();
    this.startedAt = task.startedAt();
    this.finishedAt = task.finishedAt();
    this.updatedAt = task.updatedAt();
  }

  void addError(TaskError error) {
    if (errors == null) {
      errors = new ArrayList<>(2);
    }
    errors.add(error);
  }

  /** Adds a run's time; saturates instead of failing half-way through a batch of settlements. */
  void addRunTime(Duration ran) {
    try {
      executionNanos = Math.addExact(executionNanos, ran.toNanos());
    } catch (ArithmeticException e) {
      executionNanos = ran.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  void clearLease() {
    leaseOwner = null;
    leaseToken = null;
    leaseDeadline = null;
  }

  boolean waiting() {
    return status == TaskStatus.QUEUED || status == TaskStatus.SUSPENDED;
  }

  TaskRecord toRecord() {
    return TaskRecord.builder()
        .id(id)
        .type(type)
        .queue(queue)
        .payload(payload)
        .priority(priority)
        .runAt(runAt)
        .status(status)
        .attempts(attempts)
        .maxAttempts(maxAttempts)
        .retryPolicy(retryPolicy)
        .timeout(timeout)
        .leaseOwner(leaseOwner)
        .leaseToken(leaseToken)
        .leaseDeadline(leaseDeadline)
        .state(state)
        .result(result)
        .errors(errors)
        .executionTime(Duration.ofNanos(executionNanos))
        .correlationId(correlationId)
        .owner(owner)
        .scheduleId(scheduleId)
        .createdAt(createdAt)
        .startedAt(startedAt)
        .finishedAt(finishedAt)
        .updatedAt(updatedAt)
        .sequence(sequence)
        .build();
  }
}
