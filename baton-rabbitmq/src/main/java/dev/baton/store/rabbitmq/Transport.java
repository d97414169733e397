package dev.baton.store.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.baton.spi.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's use of one broker connection: durable work queues per Baton queue ({@code baton.q.NAME},
 * {@code x-max-priority} 10), persistent messages published with confirms, consumers with manual
 * acks, and delays through TTL bucket queues.
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
  private static final String H_QUEUE = "baton-queue";
  private static final String H_TYPE = "baton-type";
  private static final String H_DUE = "baton-due";
  /** 2^31 ms, about 25 days: the largest bucket; longer delays go round it again. */
  private static final int MAX_BUCKET_EXPONENT = 31;
  private static final int PUBLISHERS = 4;
  private static final long CONFIRM_TIMEOUT_MS = 30_000;

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
    private final java.util.concurrent.atomic.AtomicInteger open;

    Delivery(List<String> ids, String queue, String type, int priority, Channel channel, long tag) {
      this.ids = ids;
      this.queue = queue;
      this.type = type;
      this.priority = priority;
      this.channel = channel;
      this.tag = tag;
      this.open = new java.util.concurrent.atomic.AtomicInteger(ids.size());
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
  }

  private final AmqpUrl url;
  private final Connection connection;
  private final Consumer<Delivery> sink;
  private final Publisher[] publishers = new Publisher[PUBLISHERS];
  private final AtomicInteger nextPublisher = new AtomicInteger();
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Set<String> consumed = ConcurrentHashMap.newKeySet();
  private final Queue<Message> unsent = new ConcurrentLinkedQueue<>();
  private final ConcurrentNavigableMap<Long, Long> routing = new ConcurrentSkipListMap<>();
  private final Object adminLock = new Object();
  private Channel admin;
  private volatile Channel consumer;
  private volatile int prefetch;
  private volatile boolean closed;

  Transport(AmqpUrl url, Consumer<Delivery> sink) {
    this.url = url;
    this.sink = sink;
    this.prefetch = url.prefetch();
    try {
      connection = url.factory().newConnection("baton");
    } catch (IOException | TimeoutException e) {
      throw new StoreException("Cannot connect to RabbitMQ at " + url.maskedBroker() + ": "
          + e.getMessage() + " (for the test broker: ./scripts/services start rabbitmq)", e);
    }
    try {
      admin = connection.createChannel();
      for (int i = 0; i < PUBLISHERS; i++) {
        publishers[i] = new Publisher();
      }
      startRouter();
    } catch (IOException | RuntimeException e) {
      close();
      throw new StoreException("Cannot set up RabbitMQ at " + url.maskedBroker(), e);
    }
    ((Recoverable) connection).addRecoveryListener(new RecoveryListener() {
      @Override
      public void handleRecoveryStarted(Recoverable recoverable) {
        routing.clear();
      }

      @Override
      public void handleRecovery(Recoverable recoverable) {
        log.info("Reconnected to RabbitMQ at {}", url.maskedBroker());
        resend();
      }
    });
  }

  /** True while the connection is open (it may be recovering). */
  boolean isOpen() {
    return connection.isOpen();
  }

  /**
   * Publishes messages and waits for the broker's confirms. If the broker cannot be reached, the
   * messages are kept and sent once the connection is back: the state store already holds the
   * tasks, so nothing is lost meanwhile, and every engine still finds them by claiming.
   */
  void publish(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    Publisher publisher = publishers[Math.floorMod(nextPublisher.getAndIncrement(), PUBLISHERS)];
    try {
      long now = System.currentTimeMillis();
      List<String> targets = new ArrayList<>(messages.size());
      for (Message m : messages) {
        String target = target(m, now);
        declare(target);
        targets.add(target);
      }
      publisher.send(messages, targets).get(CONFIRM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (!unsent.isEmpty()) {
        resend();
      }
    } catch (IOException | TimeoutException | InterruptedException | ExecutionException
        | ShutdownSignalException | StoreException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (!closed) {
        log.warn("Publishing {} messages to RabbitMQ at {} failed ({}); they are sent again when the"
            + " broker is back, and the tasks are safe in the state store meanwhile",
            messages.size(), url.maskedBroker(),
            e instanceof ExecutionException ? e.getCause().toString() : e.toString());
      }
      unsent.addAll(messages);
      publisher.renewIfClosed();
    }
  }

  /** Starts consuming the work queues of these Baton queues, if not yet. */
  void consume(Set<String> queues, int suggestedPrefetch) {
    if (prefetch == 0) {
      prefetch = Math.max(1, suggestedPrefetch);
    }
    for (String queue : queues) {
      if (consumed.add(queue)) {
        try {
          declare(WORK_PREFIX + queue);
          subscribe(consumerChannel(), queue);
        } catch (IOException | RuntimeException e) {
          consumed.remove(queue);
          if (!closed) {
            log.warn("Consuming RabbitMQ queue {} failed; claims still find its tasks in the state"
                + " store", WORK_PREFIX + queue, e);
          }
        }
      }
    }
  }

  /** Acks a delivery; a delivery from a channel that has closed since is gone already. */
  private static void ack(Channel channel, long tag) {
    try {
      synchronized (channel) {
        if (channel.isOpen()) {
          channel.basicAck(tag, false);
        }
      }
    } catch (IOException | ShutdownSignalException e) {
      // The channel closed: the broker requeues the delivery, which is harmless (see RabbitStore).
    }
  }

  /** Deletes the messages in the work queues this store consumes. */
  void purgeConsumed() {
    for (String queue : consumed) {
      synchronized (adminLock) {
        try {
          admin().queuePurge(WORK_PREFIX + queue);
        } catch (IOException | RuntimeException e) {
          log.debug("Purging {} failed", WORK_PREFIX + queue, e);
        }
      }
    }
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

  private String target(Message m, long now) {
    long remaining = m.dueMillis() - now;
    if (m.dueMillis() == 0 || remaining <= 0) {
      return WORK_PREFIX + m.queue();
    }
    int exponent = Math.min(MAX_BUCKET_EXPONENT, 63 - Long.numberOfLeadingZeros(remaining));
    return DELAY_PREFIX + (1L << exponent);
  }

  private static AMQP.BasicProperties properties(Message m) {
    Map<String, Object> headers = new HashMap<>(4);
    headers.put(H_QUEUE, m.queue());
    headers.put(H_TYPE, m.type());
    if (m.dueMillis() != 0) {
      headers.put(H_DUE, m.dueMillis());
    }
    return new AMQP.BasicProperties.Builder()
        .deliveryMode(2)
        .priority(Math.max(0, Math.min(10, m.priority())))
        .headers(headers)
        .build();
  }

  private void declare(String queue) throws IOException {
    if (declared.contains(queue)) {
      return;
    }
    Map<String, Object> arguments = new HashMap<>();
    if (queue.startsWith(WORK_PREFIX)) {
      arguments.put("x-max-priority", 10);
    } else if (queue.startsWith(DELAY_PREFIX) && !queue.equals(DUE_QUEUE)) {
      arguments.put("x-message-ttl", Long.parseLong(queue.substring(DELAY_PREFIX.length())));
      arguments.put("x-dead-letter-exchange", "");
      arguments.put("x-dead-letter-routing-key", DUE_QUEUE);
    }
    synchronized (adminLock) {
      try {
        admin().queueDeclare(queue, true, false, false, arguments);
      } catch (IOException e) {
        throw new StoreException("Declaring RabbitMQ queue " + queue + " on " + url.maskedBroker()
            + " failed; a queue of that name with other arguments must be deleted first", e);
      }
    }
    declared.add(queue);
  }

  private Channel admin() throws IOException {
    if (admin == null || !admin.isOpen()) {
      admin = connection.createChannel();
    }
    return admin;
  }

  /**
   * A channel in confirm mode shared by concurrent publishers. The channel is held only while
   * publishing; confirms come to a listener, so a caller waits for its own messages alone, never
   * for those of callers that published after it on the same channel.
   */
  private final class Publisher {
    private volatile Channel channel;
    /**
     * Sequence numbers not yet confirmed, each with the batch it belongs to; replaced when the
     * channel closes, so that numbers of a recovered channel never meet those of before.
     */
    private volatile ConcurrentNavigableMap<Long, Batch> unconfirmed = new ConcurrentSkipListMap<>();

    Publisher() throws IOException {
      channel = open();
    }

    /** Publishes the messages to their targets; the result completes once all are confirmed. */
    CompletableFuture<Void> send(List<Message> messages, List<String> targets) throws IOException {
      Batch batch = new Batch(messages.size());
      synchronized (this) {
        Channel ch = channel;
        for (int i = 0; i < messages.size(); i++) {
          Message m = messages.get(i);
          ConcurrentNavigableMap<Long, Batch> waiting = unconfirmed;
          long sequence = ch.getNextPublishSeqNo();
          waiting.put(sequence, batch);
          try {
            ch.basicPublish("", targets.get(i), properties(m), body(m.ids()));
          } catch (IOException | RuntimeException e) {
            waiting.remove(sequence);
            batch.fail(e);
            throw e;
          }
        }
      }
      return batch;
    }

    /** Opens a new channel if this one was closed for good (not by a connection that recovers). */
    synchronized void renewIfClosed() {
      if (!channel.isOpen() && !closed && connection.isOpen()) {
        try {
          channel = open();
        } catch (IOException | RuntimeException e) {
          log.debug("Opening a publishing channel failed", e);
        }
      }
    }

    private Channel open() throws IOException {
      Channel opened = connection.createChannel();
      opened.confirmSelect();
      opened.addConfirmListener(new ConfirmListener() {
        @Override
        public void handleAck(long sequence, boolean multiple) {
          confirmed(sequence, multiple, null);
        }

        @Override
        public void handleNack(long sequence, boolean multiple) {
          confirmed(sequence, multiple, new IOException("the broker refused the message (nack)"));
        }
      });
      // Confirms of a closed channel never come, and a recovered channel numbers from 1 again.
      opened.addShutdownListener(cause -> failAll(cause));
      return opened;
    }

    private void confirmed(long sequence, boolean multiple, IOException nack) {
      ConcurrentNavigableMap<Long, Batch> waiting = unconfirmed;
      Map<Long, Batch> done = multiple
          ? waiting.headMap(sequence, true)
          : waiting.subMap(sequence, true, sequence, true);
      for (Iterator<Batch> it = done.values().iterator(); it.hasNext(); ) {
        Batch batch = it.next();
        it.remove();
        if (nack == null) {
          batch.confirm();
        } else {
          batch.fail(nack);
        }
      }
    }

    private void failAll(ShutdownSignalException cause) {
      ConcurrentNavigableMap<Long, Batch> lost = unconfirmed;
      unconfirmed = new ConcurrentSkipListMap<>();
      lost.values().forEach(batch -> batch.fail(cause));
    }
  }

  /** The messages of one publish call: done when the broker confirmed each, failed at one nack. */
  private static final class Batch extends CompletableFuture<Void> {
    private final AtomicInteger left;

    Batch(int size) {
      left = new AtomicInteger(size);
    }

    void confirm() {
      if (left.decrementAndGet() == 0) {
        complete(null);
      }
    }

    void fail(Exception cause) {
      completeExceptionally(cause);
    }
  }

  private void resend() {
    List<Message> batch = new ArrayList<>();
    Message m;
    while ((m = unsent.poll()) != null) {
      batch.add(m);
    }
    if (!batch.isEmpty()) {
      log.info("Sending {} messages that waited for RabbitMQ", batch.size());
      Thread.ofVirtual().name("baton-rabbitmq-resend").start(() -> publish(batch));
    }
  }

  private synchronized Channel consumerChannel() throws IOException {
    Channel channel = consumer;
    if (channel != null && channel.isOpen()) {
      return channel;
    }
    channel = connection.createChannel();
    channel.basicQos(prefetch);
    Channel opened = channel;
    channel.addShutdownListener(cause -> {
      // The broker closes a channel (not the connection) when a delivery stays unacked past its
      // consumer_timeout; open a new one so that wake-ups keep coming.
      if (!closed && !cause.isHardError() && !cause.isInitiatedByApplication()) {
        log.warn("RabbitMQ closed the consuming channel ({}); opening a new one", cause.getMessage());
        Thread.ofVirtual().start(() -> resubscribe(opened));
      }
    });
    consumer = channel;
    return channel;
  }

  private void resubscribe(Channel old) {
    try {
      Channel channel = consumerChannel();
      if (channel != old) {
        for (String queue : consumed) {
          subscribe(channel, queue);
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Re-subscribing to RabbitMQ failed; claims still find tasks in the state store", e);
    }
  }

  private void subscribe(Channel channel, String queue) throws IOException {
    channel.basicConsume(WORK_PREFIX + queue, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) {
        Map<String, Object> headers = properties.getHeaders();
        List<String> ids = ids(body);
        if (ids.isEmpty()) {
          ack(getChannel(), envelope.getDeliveryTag());
          return;
        }
        sink.accept(new Delivery(ids,
            header(headers, H_QUEUE, queue), header(headers, H_TYPE, ""),
            properties.getPriority() == null ? 0 : properties.getPriority(), getChannel(),
            envelope.getDeliveryTag()));
      }
    });
  }

  private void startRouter() throws IOException {
    declare(DUE_QUEUE);
    Channel channel = connection.createChannel();
    channel.confirmSelect();
    channel.basicQos(1000);
    channel.addConfirmListener(new ConfirmListener() {
      @Override
      public void handleAck(long sequence, boolean multiple) {
        settleRouted(channel, sequence, multiple, true);
      }

      @Override
      public void handleNack(long sequence, boolean multiple) {
        settleRouted(channel, sequence, multiple, false);
      }
    });
    channel.basicConsume(DUE_QUEUE, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
          byte[] body) throws IOException {
        route(channel, envelope.getDeliveryTag(), properties, body);
      }
    });
  }

  /** Sends a message that left a bucket on to a smaller bucket or, once due, to its work queue. */
  private void route(Channel channel, long deliveryTag, AMQP.BasicProperties properties,
      byte[] body) throws IOException {
    Map<String, Object> headers = properties.getHeaders();
    Object due = headers == null ? null : headers.get(H_DUE);
    String queue = header(headers, H_QUEUE, null);
    if (!(due instanceof Number) || queue == null) {
      log.warn("Dropping a message without due time or queue from {}", DUE_QUEUE);
      channel.basicAck(deliveryTag, false);
      return;
    }
    Message m = new Message(ids(body), queue,
        header(headers, H_TYPE, ""), properties.getPriority() == null ? 0 : properties.getPriority(),
        ((Number) due).longValue());
    String target = target(m, System.currentTimeMillis());
    declare(target);
    routing.put(channel.getNextPublishSeqNo(), deliveryTag);
    channel.basicPublish("", target, properties(m), body);
  }

  private void settleRouted(Channel channel, long sequence, boolean multiple, boolean acked) {
    Map<Long, Long> done = multiple ? routing.headMap(sequence, true) : routing.subMap(sequence, true, sequence, true);
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

  /** The ids, each as modified UTF-8 with its length first: ids may hold any character. */
  private static byte[] body(List<String> ids) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(ids.size() * 40);
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(ids.size());
      for (String id : ids) {
        out.writeUTF(id);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static List<String> ids(byte[] body) {
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(body))) {
      int n = in.readInt();
      List<String> ids = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ids.add(in.readUTF());
      }
      return ids;
    } catch (IOException e) {
      log.warn("Ignoring a message that is not a Baton task list ({} bytes)", body.length);
      return List.of();
    }
  }

  private static String header(Map<String, Object> headers, String name, String fallback) {
    Object value = headers == null ? null : headers.get(name);
    return value == null ? fallback : value.toString();
  }
}
