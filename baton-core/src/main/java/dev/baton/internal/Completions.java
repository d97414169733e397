package dev.baton.internal;

import dev.baton.TaskId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Wakes callers awaiting a task when this process finishes or cancels it. */
final class Completions {
  private final ConcurrentMap<TaskId, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

  CompletableFuture<Void> watch(TaskId id) {
    return waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  void unwatch(TaskId id, CompletableFuture<Void> future) {
    waiting.remove(id, future);
  }

  void done(TaskId id) {
    if (!waiting.isEmpty()) {
      CompletableFuture<Void> future = waiting.remove(id);
      if (future != null) {
        future.complete(null);
      }
    }
  }
}
