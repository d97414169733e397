package dev.baton.store.rabbitmq;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreException;
import dev.baton.spi.StoreProvider;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.util.Set;

/**
 * Opens {@code amqp://user:password@host:port/vhost?state=URL} and {@code amqps://…} URLs: RabbitMQ
 * carries the tasks, and the state store named by {@code state} (any other backend URL, such as
 * {@code sqlite:baton.db} or {@code jdbc:postgresql://…}, last in the URL) keeps task records,
 * schedules and the key-value store. Options before {@code state}: {@code prefetch=N} (deliveries
 * held unacked, default the first claim's size) and {@code consumer_timeout=MS} (the broker's
 * setting, if not RabbitMQ's default of 30 minutes). See docs/backends/rabbitmq.md.
 */
public final class RabbitStoreProvider implements StoreProvider {
  /** Makes the provider; called by {@link java.util.ServiceLoader}. */
  public RabbitStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("amqp", "amqps");
  }

  /**
   * Opens the state store, then connects to the broker.
   *
   * @throws IllegalArgumentException if the URL is malformed or its state URL is unknown
   * @throws StoreException if the state store or the broker cannot be reached
   */
  @Override
  public TaskStore open(String url, StoreContext context) {
    AmqpUrl parsed = AmqpUrl.parse(url);
    TaskStore state = StoreProviders.open(parsed.state(), context);
    try {
      return new RabbitStore(parsed, state, context.clock());
    } catch (RuntimeException e) {
      try {
        state.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
