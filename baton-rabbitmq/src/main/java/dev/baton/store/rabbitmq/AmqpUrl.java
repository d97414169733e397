package dev.baton.store.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.baton.spi.BackendUrl;
import dev.baton.spi.BackendUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * A parsed {@code amqp://user:pass@host:port/vhost?options&state=URL} backend URL. The {@code
 * state} parameter comes last and takes the rest of the URL as it is, so a state URL keeps its own
 * {@code ?} and {@code &} options unencoded.
 *
 * @param url the whole URL, for messages (always shown masked)
 * @param broker the broker part, {@code amqp://user:pass@host:port/vhost}
 * @param tls true for {@code amqps}
 * @param state the state store's backend URL
 * @param prefetch deliveries a store may hold unacked, or 0 to size it from the first claim
 * @param consumerTimeout the broker's {@code consumer_timeout} as configured by the operator, or
 *     null to assume RabbitMQ's default
 * @param address the URL taken apart by {@link BackendUrl}, whose login is the one the password
 *     mask hides
 */
record AmqpUrl(
    String url,
    String broker,
    boolean tls,
    String state,
    int prefetch,
    Duration consumerTimeout,
    BackendUrl address) {
  static final String USAGE =
      "use amqp://user:password@host:port/vhost?state=URL (or amqps://),"
          + " where URL is the state store's backend URL, such as sqlite:baton.db, and comes last";

  static AmqpUrl parse(String url) {
    if (url == null) {
      throw new IllegalArgumentException("backend URL is null; " + USAGE);
    }
    boolean tls;
    if (url.startsWith("amqps://")) {
      tls = true;
    } else if (url.startsWith("amqp://")) {
      tls = false;
    } else {
      throw malformed(url, "it does not start with amqp:// or amqps://");
    }
    BackendUrl address;
    try {
      address = BackendUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw malformed(url, e.getMessage());
    }
    String query = address.query();
    String broker = query == null ? url : url.substring(0, url.length() - query.length() - 1);
    String state = null;
    int prefetch = 0;
    Duration consumerTimeout = null;
    if (query != null) {
      String rest = query;
      while (!rest.isEmpty()) {
        if (rest.startsWith("state=")) {
          state = rest.substring("state=".length());
          if (!state.contains(":")) {
            state = URLDecoder.decode(state, StandardCharsets.UTF_8);
          }
          break;
        }
        int amp = rest.indexOf('&');
        String param = amp < 0 ? rest : rest.substring(0, amp);
        rest = amp < 0 ? "" : rest.substring(amp + 1);
        int eq = param.indexOf('=');
        String key = eq < 0 ? param : param.substring(0, eq);
        String value = eq < 0 ? "" : param.substring(eq + 1);
        switch (key) {
          case "prefetch" -> prefetch = positive(url, key, value);
          case "consumer_timeout" -> consumerTimeout = Duration.ofMillis(positive(url, key, value));
          default ->
              throw malformed(
                  url,
                  "unknown option '" + key + "' (known: prefetch, consumer_timeout in ms, state)");
        }
      }
    }
    if (state == null || state.isBlank()) {
      throw malformed(url, "the state parameter is missing: task records need a state store");
    }
    if (state.startsWith("amqp://") || state.startsWith("amqps://")) {
      throw malformed(url, "the state store cannot be RabbitMQ itself");
    }
    return new AmqpUrl(url, broker, tls, state, prefetch, consumerTimeout, address);
  }

  /** A connection factory for the broker part, with TLS verified against the JVM's trust store. */
  ConnectionFactory factory() {
    ConnectionFactory factory = new ConnectionFactory();
    // Set from the parts rather than with setUri: the client would read the login by other rules
    // than the password mask, and reads amqps as "TLS trusting anything".
    if (address.hosts().contains(",")) {
      throw malformed(url, "the broker part names more than one host");
    }
    if (!address.hosts().isEmpty()) {
      BackendUrl.HostPort host;
      try {
        host = BackendUrl.hostPort(address.hosts(), -1);
      } catch (IllegalArgumentException e) {
        throw malformed(url, "the broker part is invalid: " + e.getMessage());
      }
      factory.setHost(host.host());
      if (host.port() > 0) {
        factory.setPort(host.port());
      }
    }
    if (address.user() != null) {
      factory.setUsername(address.user());
    }
    if (address.password() != null) {
      factory.setPassword(address.password());
    }
    if (address.path() != null) {
      if (address.path().contains("/")) {
        throw malformed(url, "the virtual host has more than one path segment");
      }
      try {
        factory.setVirtualHost(BackendUrl.decode(address.path()));
      } catch (IllegalArgumentException e) {
        throw malformed(url, "the virtual host is invalid: " + e.getMessage());
      }
    }
    if (tls) {
      // With no port in the URL the factory keeps "default", which means 5671 once TLS is on.
      try {
        factory.useSslProtocol(SSLContext.getDefault());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no TLS in this JVM", e);
      }
      factory.enableHostnameVerification();
    }
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setNetworkRecoveryInterval(1000);
    factory.setRequestedHeartbeat(10);
    factory.setConnectionTimeout(10_000);
    return factory;
  }

  /** The broker part with the password hidden, for logs. */
  String maskedBroker() {
    return BackendUrls.mask(broker);
  }

  private static int positive(String url, String key, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw malformed(url, key + " must be a positive whole number but was '" + value + "'");
  }

  /** Shows the URL with its secrets masked. */
  @Override
  public String toString() {
    return "AmqpUrl[" + BackendUrls.mask(url) + "]";
  }

  private static IllegalArgumentException malformed(String url, String why) {
    return new IllegalArgumentException(
        "Malformed RabbitMQ backend URL '" + BackendUrls.mask(url) + "': " + why + "; " + USAGE);
  }
}
