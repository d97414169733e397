package dev.baton.store.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.baton.spi.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes persistent messages with publisher confirms over a few confirm-mode channels, and keeps
 * the messages the broker could not take to send them again once the connection is back.
 */
final class ConfirmedPublisher {
  private static final Logger log = LoggerFactory.getLogger(ConfirmedPublisher.class);
  private static final int CHANNELS = 4;
  private static final long CONFIRM_TIMEOUT_MS = 30_000;

  private final AmqpUrl url;
  private final Connection connection;
  private final Queues queues;
  private final BooleanSupplier closed;
  private final ConfirmChannel[] channels = new ConfirmChannel[CHANNELS];
  private final AtomicInteger nextChannel = new AtomicInteger();
  private final Queue<Transport.Message> unsent = new ConcurrentLinkedQueue<>();

  ConfirmedPublisher(AmqpUrl url, Connection connection, Queues queues, BooleanSupplier closed)
      throws IOException {
    this.url = url;
    this.connection = connection;
    this.queues = queues;
    this.closed = closed;
    for (int i = 0; i < CHANNELS; i++) {
      channels[i] = new ConfirmChannel();
    }
  }

  /**
   * Publishes messages and waits for the broker's confirms. If the broker cannot be reached, the
   * messages are kept and sent once the connection is back: the state store already holds the
   * tasks, so nothing is lost meanwhile, and every engine still finds them by claiming.
   */
  void publish(List<Transport.Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    ConfirmChannel channel = channels[Math.floorMod(nextChannel.getAndIncrement(), CHANNELS)];
    try {
      long now = System.currentTimeMillis();
      List<String> targets = new ArrayList<>(messages.size());
      for (Transport.Message m : messages) {
        String target = Queues.target(m, now);
        queues.declare(target);
        targets.add(target);
      }
      channel.send(messages, targets).get(CONFIRM_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (!unsent.isEmpty()) {
        resend();
      }
    } catch (IOException
        | TimeoutException
        | InterruptedException
        | ExecutionException
        | ShutdownSignalException
        | StoreException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (!closed.getAsBoolean()) {
        log.warn(
            "Publishing {} messages to RabbitMQ at {} failed ({}); they are sent again when the"
                + " broker is back, and the tasks are safe in the state store meanwhile",
            messages.size(),
            url.maskedBroker(),
            e instanceof ExecutionException ? e.getCause().toString() : e.toString());
      }
      unsent.addAll(messages);
      channel.renewIfClosed();
    }
  }

  /** Sends the messages that waited for the broker, on a thread of their own. */
  void resend() {
    List<Transport.Message> batch = new ArrayList<>();
    Transport.Message m;
    while ((m = unsent.poll()) != null) {
      batch.add(m);
    }
    if (!batch.isEmpty()) {
      log.info("Sending {} messages that waited for RabbitMQ", batch.size());
      Thread.ofVirtual().name("baton-rabbitmq-resend").start(() -> publish(batch));
    }
  }

  /**
   * A channel in confirm mode shared by concurrent publishers. The channel is held only while
   * publishing; confirms come to a listener, so a caller waits for its own messages alone, never
   * for those of callers that published after it on the same channel.
   */
  private final class ConfirmChannel {
    private volatile Channel channel;

    /**
     * Sequence numbers not yet confirmed, each with the batch it belongs to; replaced when the
     * channel closes, so that numbers of a recovered channel never meet those of before.
     */
    private volatile ConcurrentNavigableMap<Long, Batch> unconfirmed =
        new ConcurrentSkipListMap<>();

    ConfirmChannel() throws IOException {
      channel = open();
    }

    /** Publishes the messages to their targets; the result completes once all are confirmed. */
    CompletableFuture<Void> send(List<Transport.Message> messages, List<String> targets)
        throws IOException {
      Batch batch = new Batch(messages.size());
      synchronized (this) {
        Channel ch = channel;
        for (int i = 0; i < messages.size(); i++) {
          Transport.Message m = messages.get(i);
          ConcurrentNavigableMap<Long, Batch> waiting = unconfirmed;
          long sequence = ch.getNextPublishSeqNo();
          waiting.put(sequence, batch);
          try {
            ch.basicPublish(
                "", targets.get(i), MessageCodec.properties(m), MessageCodec.body(m.ids()));
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
      if (!channel.isOpen() && !closed.getAsBoolean() && connection.isOpen()) {
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
      opened.addConfirmListener(
          new ConfirmListener() {
            @Override
            public void handleAck(long sequence, boolean multiple) {
              confirmed(sequence, multiple, null);
            }

            @Override
            public void handleNack(long sequence, boolean multiple) {
              confirmed(
                  sequence, multiple, new IOException("the broker refused the message (nack)"));
            }
          });
      // Confirms of a closed channel never come, and a recovered channel numbers from 1 again.
      opened.addShutdownListener(cause -> failAll(cause));
      return opened;
    }

    private void confirmed(long sequence, boolean multiple, IOException nack) {
      ConcurrentNavigableMap<Long, Batch> waiting = unconfirmed;
      Map<Long, Batch> done =
          multiple
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
}
