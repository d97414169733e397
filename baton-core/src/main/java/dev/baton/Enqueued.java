package dev.baton;

/**
 * What an enqueue did.
 *
 * @param id the task's id
 * @param created true if this call created the task; false if a task with this explicit id already
 *     existed, in which case nothing changed
 */
public record Enqueued(TaskId id, boolean created) {}
