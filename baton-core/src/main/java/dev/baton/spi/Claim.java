package dev.baton.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A request to claim ready tasks, see {@link TaskStore#claim(Claim)}.
 *
 * @param owner the claiming node's id, stored as the lease owner
 * @param token the fencing token for every task of this claim; unique per claim
 * @param queues the queues to take from
 * @param types the task types this node can run; tasks of other types are left for other nodes
 * @param limit the most tasks to claim, at least 1
 * @param lease how long the lease lasts before it must be renewed
 */
public record Claim(
    String owner, String token, Set<String> queues, Set<String> types, int limit, Duration lease) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if limit is below 1 or the lease is not positive
   */
  public Claim {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(token, "token");
    queues = Set.copyOf(queues);
    types = Set.copyOf(types);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1 but was " + limit);
    }
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive but was " + lease);
    }
  }
}
