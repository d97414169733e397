package dev.baton.store.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.baton.spi.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's use of one broker connection: durable work queues per Baton queue ({@code baton.q.NAME},
 * {@code x-max-priority} 10), persistent messages published with confirms ({@link
 * ConfirmedPublisher}), consumers with manual acks ({@link WorkConsumer}), and delays through TTL
 * bucket queues ({@link DelayRouter}); {@link Queues} declares them and {@link MessageCodec} says
 * what a message looks like.
 *
 * <p>Delays need no plugin. Bucket queues {@code baton.delay.<2^k ms>} each have a fixed message
 * TTL and dead-letter into {@code baton.delay.due}. A delayed message carries its due time and
 * enters the largest bucket not longer than what remains, so it can never come out early; every
 * store consumes {@code baton.delay.due} and sends each message on to the next smaller bucket, or
 * to its work queue once due. A delay of D takes at most log2(D) hops, and days or weeks are a few
 * dozen hops through the largest buckets. Each hop is confirmed before the message it replaces is
 * acked, so a broker or worker crash loses none.
 */
final class Transport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);
  static final String WORK_PREFIX = "baton.q.";
  static final String DELAY_PREFIX = "baton.delay.";
  static final String DUE_QUEUE = "baton.delay.due";

  /**
   * A message to send: the ids of tasks that share a queue, type, priority and due time (one
   * message per enqueue batch, not per task: the broker's work is per message), and how to route
   * them.
   *
   * @param ids the task ids
   * @param queue the Baton queue
   * @param type the task type
   * @param priority 0 to 10
   * @param dueMillis epoch millis at which they may start, or 0 for now
   */
  record Message(List<String> ids, String queue, String type, int priority, long dueMillis) {}

  /**
   * A delivery from a work queue. It is acked once each of its tasks is settled here or found not
   * runnable here, whichever comes last.
   */
  static final class Delivery {
    final List<String> ids;
    final String queue;
    final String type;
    final int priority;
    private final Channel channel;
    private final long tag;
    private final AtomicInteger open;

    Delivery(List<String> ids, String queue, String type, int priority, Channel channel, long tag) {
      this.ids = ids;
      this.queue = queue;
      this.type = type;
      this.priority = priority;
      this.channel = channel;
      this.tag = tag;
      this.open = new AtomicInteger(ids.size());
    }

    /** True once every task of the delivery was released, and so it was acked. */
    boolean done() {
      return open.get() <= 0;
    }

    /** One of its tasks is done with; the last one acks the delivery. */
    void release() {
      if (open.decrementAndGet() == 0) {
        ack(channel, tag);
      }
    }

    /** Acks a delivery; a delivery from a channel that has closed since is gone already. */
    static void ack(Channel channel, long tag) {
      try {
        synchronized (channel) {
          if (channel.isOpen()) {
            channel.basicAck(tag, false);
          }
        }
      } catch (IOException | ShutdownSignalException e) {
        // The channel closed: the broker requeues the delivery, which is harmless (see
        // RabbitStore).
      }
    }
  }

  private final Connection connection;
  private final ConfirmedPublisher publisher;
  private final WorkConsumer consumer;
  private volatile boolean closed;

  Transport(AmqpUrl url, Consumer<Delivery> sink) {
    try {
      connection = url.factory().newConnection("baton");
    } catch (IOException | TimeoutException e) {
      throw new StoreException(
          "Cannot connect to RabbitMQ at "
              + url.maskedBroker()
              + ": "
              + e.getMessage()
              + " (for the test broker: ./scripts/services start rabbitmq)",
          e);
    }
    DelayRouter router;
    try {
      Queues queues = new Queues(url, connection);
      publisher = new ConfirmedPublisher(url, connection, queues, () -> closed);
      consumer = new WorkConsumer(connection, queues, sink, url.prefetch(), () -> closed);
      router = new DelayRouter(connection, queues);
      router.start();
    } catch (IOException | RuntimeException e) {
      close();
      throw new StoreException("Cannot set up RabbitMQ at " + url.maskedBroker(), e);
    }
    ((Recoverable) connection)
        .addRecoveryListener(
            new RecoveryListener() {
              @Override
              public void handleRecoveryStarted(Recoverable recoverable) {
                router.reset();
              }

              @Override
              public void handleRecovery(Recoverable recoverable) {
                log.info("Reconnected to RabbitMQ at {}", url.maskedBroker());
                publisher.resend();
              }
            });
  }

  /** True while the connection is open (it may be recovering). */
  boolean isOpen() {
    return connection.isOpen();
  }

  /** Publishes messages with confirms; see {@link ConfirmedPublisher#publish}. */
  void publish(List<Message> messages) {
    publisher.publish(messages);
  }

  /** Starts consuming the work queues of these Baton queues, if not yet. */
  void consume(Set<String> queues, int suggestedPrefetch) {
    consumer.consume(queues, suggestedPrefetch);
  }

  /** Deletes the messages in the work queues this store consumes. */
  void purgeConsumed() {
    consumer.purgeConsumed();
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (connection != null && connection.isOpen()) {
        connection.close(5_000);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Closing the RabbitMQ connection failed", e);
    }
  }
}
