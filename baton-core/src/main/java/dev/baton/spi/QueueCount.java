package dev.baton.spi;

import dev.baton.TaskStatus;

/**
 * How many tasks of one type sit in one queue in one status.
 *
 * @param queue the queue
 * @param type the task type
 * @param status the status
 * @param count how many
 */
public record QueueCount(String queue, String type, TaskStatus status, long count) {}
