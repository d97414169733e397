package dev.baton.store.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.baton.spi.StoreException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker's queues as Baton lays them out: a work queue per Baton queue with {@code
 * x-max-priority} 10, and delay buckets {@code baton.delay.<2^k ms>} with a fixed message TTL that
 * dead-letter into {@link Transport#DUE_QUEUE}. Declares each queue once, on an admin channel of
 * its own, and picks where a message goes next.
 */
final class Queues {
  /** 2^31 ms, about 25 days: the largest bucket; longer delays go round it again. */
  private static final int MAX_BUCKET_EXPONENT = 31;

  private final AmqpUrl url;
  private final Connection connection;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Object adminLock = new Object();
  private Channel admin;

  Queues(AmqpUrl url, Connection connection) throws IOException {
    this.url = url;
    this.connection = connection;
    this.admin = connection.createChannel();
  }

  /**
   * Where a message goes now: its work queue once due, else the largest bucket not longer than what
   * remains, so that it can never come out early.
   */
  static String target(Transport.Message m, long now) {
    long remaining = m.dueMillis() - now;
    if (m.dueMillis() == 0 || remaining <= 0) {
      return Transport.WORK_PREFIX + m.queue();
    }
    int exponent = Math.min(MAX_BUCKET_EXPONENT, 63 - Long.numberOfLeadingZeros(remaining));
    return Transport.DELAY_PREFIX + (1L << exponent);
  }

  void declare(String queue) throws IOException {
    if (declared.contains(queue)) {
      return;
    }
    Map<String, Object> arguments = new HashMap<>();
    if (queue.startsWith(Transport.WORK_PREFIX)) {
      arguments.put("x-max-priority", 10);
    } else if (queue.startsWith(Transport.DELAY_PREFIX) && !queue.equals(Transport.DUE_QUEUE)) {
      arguments.put(
          "x-message-ttl", Long.parseLong(queue.substring(Transport.DELAY_PREFIX.length())));
      arguments.put("x-dead-letter-exchange", "");
      arguments.put("x-dead-letter-routing-key", Transport.DUE_QUEUE);
    }
    synchronized (adminLock) {
      try {
        admin().queueDeclare(queue, true, false, false, arguments);
      } catch (IOException e) {
        throw new StoreException(
            "Declaring RabbitMQ queue "
                + queue
                + " on "
                + url.maskedBroker()
                + " failed; a queue of that name with other arguments must be deleted first",
            e);
      }
    }
    declared.add(queue);
  }

  /** Deletes the messages of a queue. */
  void purge(String queue) throws IOException {
    synchronized (adminLock) {
      admin().queuePurge(queue);
    }
  }

  private Channel admin() throws IOException {
    if (admin == null || !admin.isOpen()) {
      admin = connection.createChannel();
    }
    return admin;
  }
}
