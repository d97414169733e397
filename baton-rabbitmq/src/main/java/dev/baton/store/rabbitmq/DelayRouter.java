package dev.baton.store.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves delayed messages on. Every store consumes {@link Transport#DUE_QUEUE}, where the delay
 * buckets dead-letter, and sends each message on to the next smaller bucket, or to its work queue
 * once due. Each hop is confirmed before the message it replaces is acked, so a broker or worker
 * crash loses none.
 */
final class DelayRouter {
  private static final Logger log = LoggerFactory.getLogger(DelayRouter.class);
  private static final int PREFETCH = 1000;

  private final Connection connection;
  private final Queues queues;

  /** Publish sequence number of each hop, with the delivery tag of the message it replaces. */
  private final ConcurrentNavigableMap<Long, Long> routing = new ConcurrentSkipListMap<>();

  DelayRouter(Connection connection, Queues queues) {
    this.connection = connection;
    this.queues = queues;
  }

  void start() throws IOException {
    queues.declare(Transport.DUE_QUEUE);
    Channel channel = connection.createChannel();
    channel.confirmSelect();
    channel.basicQos(PREFETCH);
    channel.addConfirmListener(
        new ConfirmListener() {
          @Override
          public void handleAck(long sequence, boolean multiple) {
            settle(channel, sequence, multiple, true);
          }

          @Override
          public void handleNack(long sequence, boolean multiple) {
            settle(channel, sequence, multiple, false);
          }
        });
    channel.basicConsume(
        Transport.DUE_QUEUE,
        false,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws IOException {
            route(channel, envelope.getDeliveryTag(), properties, body);
          }
        });
  }

  /** Forgets the hops in flight: a recovering connection redelivers their messages. */
  void reset() {
    routing.clear();
  }

  /** Sends a message that left a bucket on to a smaller bucket or, once due, to its work queue. */
  private void route(
      Channel channel, long deliveryTag, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    Map<String, Object> headers = properties.getHeaders();
    Object due = headers == null ? null : headers.get(MessageCodec.H_DUE);
    String queue = MessageCodec.header(headers, MessageCodec.H_QUEUE, null);
    if (!(due instanceof Number) || queue == null) {
      log.warn("Dropping a message without due time or queue from {}", Transport.DUE_QUEUE);
      channel.basicAck(deliveryTag, false);
      return;
    }
    Transport.Message m =
        new Transport.Message(
            MessageCodec.ids(body),
            queue,
            MessageCodec.header(headers, MessageCodec.H_TYPE, ""),
            MessageCodec.priority(properties),
            ((Number) due).longValue());
    String target = Queues.target(m, System.currentTimeMillis());
    queues.declare(target);
    routing.put(channel.getNextPublishSeqNo(), deliveryTag);
    channel.basicPublish("", target, MessageCodec.properties(m), body);
  }

  private void settle(Channel channel, long sequence, boolean multiple, boolean acked) {
    Map<Long, Long> done =
        multiple ? routing.headMap(sequence, true) : routing.subMap(sequence, true, sequence, true);
    List<Long> tags = new ArrayList<>(done.values());
    done.clear();
    for (long tag : tags) {
      try {
        if (acked) {
          channel.basicAck(tag, false);
        } else {
          channel.basicNack(tag, false, true);
        }
      } catch (IOException | AlreadyClosedException e) {
        return;
      }
    }
  }
}
