package dev.baton.internal;

import dev.baton.TaskHandler;
import dev.baton.TaskType;
import dev.baton.UnknownTaskTypeException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The task types an instance knows, and the handlers it runs them with. */
final class TaskTypes {
  private final Map<String, TaskType<?>> known = new ConcurrentHashMap<>();
  private final Map<String, TaskHandler<?>> handlers;

  TaskTypes(Map<String, TaskType<?>> types, Map<String, TaskHandler<?>> handlers) {
    this.known.putAll(types);
    this.handlers = Map.copyOf(handlers);
  }

  TaskType<?> require(String name) {
    TaskType<?> type = known.get(name);
    if (type == null) {
      throw new UnknownTaskTypeException(name, known.keySet());
    }
    return type;
  }

  /** Registers a descriptor on first use; refuses one that clashes with a known one. */
  TaskType<?> ensure(TaskType<?> type) {
    TaskType<?> existing = known.putIfAbsent(type.name(), type);
    if (existing != null && !existing.equals(type)) {
      throw new IllegalArgumentException(
          "task type '" + type.name() + "' is registered as " + existing + ", not " + type);
    }
    return existing == null ? type : existing;
  }

  TaskType<?> type(String name) {
    return known.get(name);
  }

  @SuppressWarnings("unchecked")
  <T> TaskHandler<T> handler(String name) {
    return (TaskHandler<T>) handlers.get(name);
  }

  Set<String> names() {
    return Set.copyOf(known.keySet());
  }

  Set<String> handled() {
    return handlers.keySet();
  }
}
