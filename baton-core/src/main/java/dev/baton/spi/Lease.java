package dev.baton.spi;

import dev.baton.TaskId;
import java.util.Objects;

/**
 * A held lease: the task and the token of the claim that took it.
 *
 * @param id the task's id
 * @param token the fencing token of the claim
 */
public record Lease(TaskId id, String token) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public Lease {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(token, "token");
  }
}
