/**
 * The RabbitMQ backend ({@code amqp://}, {@code amqps://}): RabbitMQ carries tasks from producers
 * to workers, with priorities, publisher confirms, manual acks and TTL-queue delays; task records,
 * schedules and the key-value store live in a state store named by the URL's {@code state}
 * parameter. Only the provider is public.
 */
package dev.baton.store.rabbitmq;
