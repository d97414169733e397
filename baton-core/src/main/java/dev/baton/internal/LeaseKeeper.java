package dev.baton.internal;

import dev.baton.TaskId;
import dev.baton.spi.Lease;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renews the leases this node holds and takes back the expired leases of any node. */
final class LeaseKeeper {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
  private static final int CHUNK = 500;

  private final TaskStore store;
  private final Runs runs;
  private final Duration lease;
  private final Listeners listeners;
  private final Runnable onRequeue;

  LeaseKeeper(TaskStore store, Runs runs, Duration lease, Listeners listeners, Runnable onRequeue) {
    this.store = store;
    this.runs = runs;
    this.lease = lease;
    this.listeners = listeners;
    this.onRequeue = onRequeue;
  }

  void renew() {
    try {
      List<Run> held = runs.snapshot();
      for (int from = 0; from < held.size(); from += CHUNK) {
        List<Run> chunk = held.subList(from, Math.min(held.size(), from + CHUNK));
        List<Lease> leases = chunk.stream().map(run -> run.lease).toList();
        List<Boolean> kept = store.renew(leases, lease);
        for (int i = 0; i < chunk.size(); i++) {
          if (!kept.get(i) && chunk.get(i).stop(Run.Stop.LEASE_LOST)) {
            log.warn(
                "Lost the lease of task {} ({}); interrupting its handler",
                chunk.get(i).task.id(),
                chunk.get(i).task.type());
          }
        }
      }
    } catch (RuntimeException e) {
      log.warn("Renewing leases failed; will try again", e);
      listeners.backgroundError("renew", e);
    }
  }

  void reap() {
    try {
      List<TaskId> expired;
      do {
        expired = store.expireLeases(CHUNK);
        if (!expired.isEmpty()) {
          log.info("Took back {} tasks whose leases expired", expired.size());
          listeners.leasesExpired(expired);
          onRequeue.run();
        }
      } while (expired.size() == CHUNK);
    } catch (RuntimeException e) {
      log.warn("Looking for expired leases failed; will try again", e);
      listeners.backgroundError("reap", e);
    }
  }
}
