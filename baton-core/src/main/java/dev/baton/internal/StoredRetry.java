package dev.baton.internal;

import dev.baton.TaskRecord;
import dev.baton.retry.RetryPolicy;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy a task was stored with, read back once per distinct text. A task without one
 * (stored by a version before policies were stored with tasks) and a text this version cannot read
 * (a newer policy kind) both wait as this node's default says; the latter is logged once.
 */
final class StoredRetry {
  private static final Logger log = LoggerFactory.getLogger(StoredRetry.class);

  // Tasks share a handful of policies (one per type, plus the node defaults); the cap only guards
  // against per-task policies that all differ.
  private static final int MAX_CACHED = 1024;

  private final RetryPolicy fallback;
  private final ConcurrentHashMap<String, RetryPolicy> parsed = new ConcurrentHashMap<>();

  StoredRetry(RetryPolicy fallback) {
    this.fallback = fallback;
  }

  RetryPolicy of(TaskRecord task) {
    String spec = task.retryPolicy();
    if (spec == null) {
      return fallback;
    }
    RetryPolicy policy = parsed.get(spec);
    if (policy != null) {
      return policy;
    }
    try {
      policy = RetryPolicy.parse(spec);
    } catch (IllegalArgumentException e) {
      policy = fallback;
      if (parsed.size() < MAX_CACHED && parsed.putIfAbsent(spec, policy) == null) {
        log.warn(
            "Task {} has a retry policy this node cannot read; its retries wait as this node's "
                + "default policy says: {}",
            task.id(),
            e.getMessage());
      }
      return policy;
    }
    if (parsed.size() < MAX_CACHED) {
      parsed.putIfAbsent(spec, policy);
    }
    return policy;
  }
}
