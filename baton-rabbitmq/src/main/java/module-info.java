/**
 * The RabbitMQ backend ({@code amqp://…?state=URL}, {@code amqps://}): the broker carries the
 * tasks, and a store of another backend, found by its URL, keeps their records. Nothing is
 * exported: applications name the backend by URL, and {@link dev.baton.spi.StoreProvider} finds it.
 *
 * @provides dev.baton.spi.StoreProvider the amqp: and amqps: backends
 */
module dev.baton.rabbitmq {
  requires dev.baton.core;
  requires com.rabbitmq.client;
  requires org.slf4j;

  provides dev.baton.spi.StoreProvider with
      dev.baton.store.rabbitmq.RabbitStoreProvider;
}
