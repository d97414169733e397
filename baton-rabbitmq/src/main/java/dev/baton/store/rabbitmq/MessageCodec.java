package dev.baton.store.rabbitmq;

import com.rabbitmq.client.AMQP;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link Transport.Message} looks on the wire: a persistent message with the task priority,
 * headers for the Baton queue, the task type and the due time, and the task ids as its body. The
 * publisher, the consumer and the delay router all read and write it here.
 */
final class MessageCodec {
  private static final Logger log = LoggerFactory.getLogger(MessageCodec.class);
  static final String H_QUEUE = "baton-queue";
  static final String H_TYPE = "baton-type";
  static final String H_DUE = "baton-due";

  private MessageCodec() {}

  static AMQP.BasicProperties properties(Transport.Message m) {
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

  static int priority(AMQP.BasicProperties properties) {
    return properties.getPriority() == null ? 0 : properties.getPriority();
  }

  /** The ids, each as modified UTF-8 with its length first: ids may hold any character. */
  static byte[] body(List<String> ids) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.size() * 40);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(ids.size());
      for (String id : ids) {
        out.writeUTF(id);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<String> ids(byte[] body) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
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

  static String header(Map<String, Object> headers, String name, String fallback) {
    Object value = headers == null ? null : headers.get(name);
    return value == null ? fallback : value.toString();
  }
}
