package dev.baton.spi;

import dev.baton.TaskStatus;

/**
 * Filters and paging for {@link TaskStore#list(TaskQuery)}. Null filters match everything.
 *
 * @param status only tasks in this status, or null
 * @param queue only tasks in this queue, or null
 * @param type only tasks of this type, or null
 * @param offset how many matching tasks to skip, newest first
 * @param limit the most tasks to return, 1 to 1000
 */
public record TaskQuery(TaskStatus status, String queue, String type, int offset, int limit) {
  /**
   * Checks paging.
   *
   * @throws IllegalArgumentException if offset is negative or limit outside 1-1000
   */
  public TaskQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0 but was " + offset);
    }
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000 but was " + limit);
    }
  }

  /**
   * The first page of tasks in a status.
   *
   * @param status the status, or null for all
   * @param limit the page size
   * @return the query
   */
  public static TaskQuery byStatus(TaskStatus status, int limit) {
    return new TaskQuery(status, null, null, 0, limit);
  }
}
