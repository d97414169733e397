package dev.baton;

/**
 * A pulled task's lease is no longer held, so what the caller asked for (an ack, a failure, a
 * suspend, an extension, a release) was refused and the task was left as the backend has it: the
 * lease expired and the task was taken back (and may run elsewhere), the task was canceled, or the
 * instance released it at shutdown. Nothing changed; the caller should drop the task.
 */
public class LeaseLostException extends BatonException {
  /** The task whose lease is lost. */
  private final TaskId id;

  /**
   * Makes the exception.
   *
   * @param id the task whose lease is lost
   * @param why what happened to the lease, e.g. "it expired and the task was taken back"
   */
  public LeaseLostException(TaskId id, String why) {
    super("The lease of task " + id + " is lost: " + why);
    this.id = id;
  }

  /**
   * The task whose lease is lost.
   *
   * @return the id
   */
  public TaskId id() {
    return id;
  }
}
