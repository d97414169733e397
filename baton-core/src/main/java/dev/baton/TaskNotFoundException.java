package dev.baton;

/** No task has the given id. */
public class TaskNotFoundException extends BatonException {
  /** The id that was not found. */
  private final TaskId id;

  /**
   * Makes the exception.
   *
   * @param id the id that was not found
   */
  public TaskNotFoundException(TaskId id) {
    super("Task not found (id: " + id + ")");
    this.id = id;
  }

  /**
   * The id that was not found.
   *
   * @return the id
   */
  public TaskId id() {
    return id;
  }
}
