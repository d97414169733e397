/**
 * The single-task shape: Baton measured the way applications use a queue (one {@code enqueue} call
 * per task, from one thread and from many, about ten workers, no-op tasks) next to the peer of its
 * backend on the same server in the same run: Quartz's RAMJobStore for memory, db-scheduler for
 * PostgreSQL, BullMQ for Redis, a confirmed {@code amqp-client} publisher for RabbitMQ.
 */
package dev.baton.bench.shape;
