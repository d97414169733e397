package dev.baton.bench.shape;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RabbitMQ's own client, the floor under any task queue on RabbitMQ: a durable queue, persistent
 * messages, each publish waiting for its publisher confirm (what Baton promises for an enqueue); as
 * many consumers as Baton has workers, each on its own channel with manual acks. It keeps no task
 * record anywhere: Baton's figures carry a state store this one does not. Done means the consumer
 * acked. It has no delayed messages without a plugin, so it sits out the burst.
 */
final class RabbitContender extends InProcess {
  /** Unacked deliveries per consumer: Celery's default prefetch multiplier. */
  static final int PREFETCH = 4;

  private final String uri;
  private final int workers;
  private Connection connection;
  private ExecutorService dispatch;

  /** {@code uri} is the broker's, without Baton's options (the state store's URL among them). */
  RabbitContender(String uri, int workers) {
    this.uri = uri;
    this.workers = workers;
  }

  @Override
  public String name() {
    return "RabbitMQ client " + com.rabbitmq.client.impl.ClientVersion.VERSION;
  }

  @Override
  public String settings() {
    return "durable classic queue, persistent messages, publisher confirm awaited per message, "
        + workers
        + " consumers with manual acks and prefetch "
        + PREFETCH
        + ", no task records";
  }

  @Override
  boolean delays() {
    return false;
  }

  @Override
  void setUp(ShapeOptions options) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    dispatch = Executors.newFixedThreadPool(workers);
    connection = factory.newConnection(dispatch, "baton-bench-peer");
  }

  @Override
  void tearDown() throws Exception {
    try {
      connection.close();
    } finally {
      dispatch.shutdownNow();
    }
  }

  @Override
  Phase open(String phase, Sink sink) throws Exception {
    String queue = InProcess.fresh(phase);
    try (Channel admin = connection.createChannel()) {
      admin.queueDeclare(queue, true, false, false, Map.of());
    }
    // A channel's confirms are in publish order; one per producer thread, as an application would.
    Map<Thread, Channel> publishers = new ConcurrentHashMap<>();
    List<Channel> consumers = new ArrayList<>();
    return new Phase() {
      @Override
      public void enqueue(int n, long stamp) throws Exception {
        Channel channel = publishers.get(Thread.currentThread());
        if (channel == null) {
          channel = connection.createChannel();
          channel.confirmSelect();
          publishers.put(Thread.currentThread(), channel);
        }
        channel.basicPublish(
            "",
            queue,
            MessageProperties.PERSISTENT_BASIC,
            (n + " " + stamp).getBytes(StandardCharsets.US_ASCII));
        channel.waitForConfirmsOrDie(60_000);
      }

      @Override
      public void enqueueAt(int n, long stamp, Instant due) {
        throw new UnsupportedOperationException("no delayed messages without a plugin");
      }

      @Override
      public void startWorkers() throws Exception {
        for (int w = 0; w < workers; w++) {
          Channel channel = connection.createChannel();
          channel.basicQos(PREFETCH);
          channel.basicConsume(
              queue,
              false,
              new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                    String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                  String[] parts = new String(body, StandardCharsets.US_ASCII).split(" ");
                  sink.started(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                  getChannel().basicAck(envelope.getDeliveryTag(), false);
                  sink.done();
                }
              });
          consumers.add(channel);
        }
      }

      @Override
      public void close() throws Exception {
        for (Channel channel : consumers) {
          channel.close();
        }
        for (Channel channel : publishers.values()) {
          channel.close();
        }
        try (Channel admin = connection.createChannel()) {
          admin.queueDelete(queue);
        }
      }
    };
  }
}
