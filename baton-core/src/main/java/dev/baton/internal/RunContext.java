package dev.baton.internal;

import dev.baton.KeyValueStore;
import dev.baton.TaskContext;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import java.time.Instant;
import java.util.Optional;

/** The context a handler sees for one run. */
record RunContext(TaskRecord task, Json json, KeyValueStore store) implements TaskContext {
  @Override
  public TaskId taskId() {
    return task.id();
  }

  @Override
  public String type() {
    return task.type();
  }

  @Override
  public int attempt() {
    return task.attempts();
  }

  @Override
  public int maxAttempts() {
    return task.maxAttempts();
  }

  @Override
  public Optional<String> correlationId() {
    return Optional.ofNullable(task.correlationId());
  }

  @Override
  public Optional<String> scheduleId() {
    return Optional.ofNullable(task.scheduleId());
  }

  @Override
  public Instant startedAt() {
    return task.startedAt();
  }

  @Override
  public <S> Optional<S> state(Class<S> type) {
    String state = task.state();
    return state == null ? Optional.empty() : Optional.ofNullable(json.read(state, type, "state"));
  }
}
