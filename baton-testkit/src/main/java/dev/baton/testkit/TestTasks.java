package dev.baton.testkit;

import dev.baton.TaskId;
import dev.baton.spi.NewTask;

/**
 * Builds the {@link NewTask}s that store-level tests insert, with defaults for every field so that
 * a test names only what it is about:
 *
 * <pre>{@code
 * store.enqueue(List.of(TestTasks.newTask("a").priority(5).build()));
 * }</pre>
 */
public final class TestTasks {
  /** The task type of a task that names none. */
  public static final String TYPE = "job";

  /** The queue of a task that names none. */
  public static final String QUEUE = "default";

  /** The payload of a task that names none. */
  public static final String PAYLOAD = "{\"n\":1}";

  /** The attempt limit of a task that names none. */
  public static final int MAX_ATTEMPTS = 3;

  private TestTasks() {}

  /**
   * Starts a task with the given id and the defaults above: priority 0, ready now, no timeout.
   *
   * @param id the task's id
   * @return a builder of the task, every field but the defaults above unset
   * @throws IllegalArgumentException if the id is blank or too long
   */
  public static NewTask.Builder newTask(String id) {
    return NewTask.builder()
        .id(TaskId.of(id))
        .type(TYPE)
        .queue(QUEUE)
        .payload(PAYLOAD)
        .maxAttempts(MAX_ATTEMPTS);
  }
}
