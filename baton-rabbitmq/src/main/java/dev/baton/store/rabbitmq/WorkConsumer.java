package dev.baton.store.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the work queues with manual acks on one channel, hands each delivery to the store, and
 * opens a new channel and subscribes again when the broker closes the old one.
 */
final class WorkConsumer {
  private static final Logger log = LoggerFactory.getLogger(WorkConsumer.class);

  private final Connection connection;
  private final Queues queues;
  private final Consumer<Transport.Delivery> sink;
  private final BooleanSupplier closed;
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();
  private volatile Channel channel;
  private volatile int prefetch;

  WorkConsumer(
      Connection connection,
      Queues queues,
      Consumer<Transport.Delivery> sink,
      int prefetch,
      BooleanSupplier closed) {
    this.connection = connection;
    this.queues = queues;
    this.sink = sink;
    this.prefetch = prefetch;
    this.closed = closed;
  }

  /** Starts consuming the work queues of these Baton queues, if not yet. */
  void consume(Set<String> batonQueues, int suggestedPrefetch) {
    if (prefetch == 0) {
      prefetch = Math.max(1, suggestedPrefetch);
    }
    for (String queue : batonQueues) {
      if (consumed.add(queue)) {
        try {
          queues.declare(Transport.WORK_PREFIX + queue);
          subscribe(channel(), queue);
        } catch (IOException | RuntimeException e) {
          consumed.remove(queue);
          if (!closed.getAsBoolean()) {
            log.warn(
                "Consuming RabbitMQ queue {} failed; claims still find its tasks in the state"
                    + " store",
                Transport.WORK_PREFIX + queue,
                e);
          }
        }
      }
    }
  }

  /** Deletes the messages in the work queues this store consumes. */
  void purgeConsumed() {
    for (String queue : consumed) {
      try {
        queues.purge(Transport.WORK_PREFIX + queue);
      } catch (IOException | RuntimeException e) {
        log.debug("Purging {} failed", Transport.WORK_PREFIX + queue, e);
      }
    }
  }

  private synchronized Channel channel() throws IOException {
    Channel current = channel;
    if (current != null && current.isOpen()) {
      return current;
    }
    Channel opened = connection.createChannel();
    opened.basicQos(prefetch);
    opened.addShutdownListener(
        cause -> {
          // The broker closes a channel (not the connection) when a delivery stays unacked past its
          // consumer_timeout; open a new one so that wake-ups keep coming.
          if (!closed.getAsBoolean() && !cause.isHardError() && !cause.isInitiatedByApplication()) {
            log.warn(
                "RabbitMQ closed the consuming channel ({}); opening a new one",
                cause.getMessage());
            Thread.ofVirtual().start(() -> resubscribe(opened));
          }
        });
    channel = opened;
    return opened;
  }

  private void resubscribe(Channel old) {
    try {
      Channel current = channel();
      if (current != old) {
        for (String queue : consumed) {
          subscribe(current, queue);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Re-subscribing to RabbitMQ failed; claims still find tasks in the state store", e);
    }
  }

  private void subscribe(Channel on, String queue) throws IOException {
    on.basicConsume(
        Transport.WORK_PREFIX + queue,
        false,
        new DefaultConsumer(on) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Map<String, Object> headers = properties.getHeaders();
            List<String> ids = MessageCodec.ids(body);
            if (ids.isEmpty()) {
              Transport.Delivery.ack(getChannel(), envelope.getDeliveryTag());
              return;
            }
            sink.accept(
                new Transport.Delivery(
                    ids,
                    MessageCodec.header(headers, MessageCodec.H_QUEUE, queue),
                    MessageCodec.header(headers, MessageCodec.H_TYPE, ""),
                    MessageCodec.priority(properties),
                    getChannel(),
                    envelope.getDeliveryTag()));
          }
        });
  }
}
