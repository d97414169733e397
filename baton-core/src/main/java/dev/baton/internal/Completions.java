package dev.baton.internal;

import dev.baton.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Wakes callers awaiting a task when this process finishes or cancels it. Each watch has its own
 * signal: one caller giving up (its timeout) must not take the signal away from another caller
 * still awaiting the same task.
 */
final class Completions {
  // The lists are only touched inside the map's atomic per-key operations, or after removal.
  private final ConcurrentMap<TaskId, List<CompletableFuture<Void>>> waiting =
      new ConcurrentHashMap<>();

  CompletableFuture<Void> watch(TaskId id) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.compute(
        id,
        (k, list) -> {
          List<CompletableFuture<Void>> l = list != null ? list : new ArrayList<>(2);
          l.add(future);
          return l;
        });
    return future;
  }

  void unwatch(TaskId id, CompletableFuture<Void> future) {
    waiting.computeIfPresent(
        id,
        (k, list) -> {
          list.remove(future);
          return list.isEmpty() ? null : list;
        });
  }

  void done(TaskId id) {
    if (!waiting.isEmpty()) {
      List<CompletableFuture<Void>> futures = waiting.remove(id);
      if (futures != null) {
        futures.forEach(f -> f.complete(null));
      }
    }
  }
}
