package dev.baton.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.baton.Baton;
import dev.baton.KeyValueStore;
import dev.baton.spi.KvStore;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is alive: every {@code baton server} and {@code baton worker} writes a heartbeat to the
 * backend's key-value store every {@link #PERIOD}, under {@code _baton/nodes/<node id>} with a time
 * to live of {@link #TTL}, and deletes it on a clean shutdown. A node that dies drops out once its
 * heartbeat expires. Any node reads them all, so {@code /api/v1/nodes} lists idle nodes too.
 */
public final class NodeRegistry implements AutoCloseable {
  /** The key prefix of the heartbeats. */
  public static final String PREFIX = KeyValueStore.RESERVED_PREFIX + "nodes/";

  /** How often a node writes its heartbeat. */
  public static final Duration PERIOD = Duration.ofSeconds(5);

  /** How long a heartbeat lives: three missed beats and the node is gone. */
  public static final Duration TTL = Duration.ofSeconds(15);

  private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * One node's heartbeat.
   *
   * @param node the node id
   * @param role {@code server} or {@code worker}
   * @param url the node's HTTP address, or null for a worker
   * @param workers how many handlers it runs at once
   * @param queues the queues it takes from
   * @param types the task types it handles
   * @param startedAt when it started
   * @param seenAt when it last wrote its heartbeat
   */
  public record Heartbeat(
      String node,
      String role,
      String url,
      int workers,
      List<String> queues,
      List<String> types,
      Instant startedAt,
      Instant seenAt) {}

  private final KvStore kv;
  private final InstantSource clock;
  private final Heartbeat self;
  private final ScheduledExecutorService timer;

  private NodeRegistry(KvStore kv, InstantSource clock, Heartbeat self) {
    this.kv = kv;
    this.clock = clock;
    this.self = self;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("baton-heartbeat").factory());
  }

  /**
   * Starts writing this node's heartbeat, the first one at once.
   *
   * @param baton the node
   * @param role {@code server} or {@code worker}
   * @param url its HTTP address, or null
   * @param workers how many handlers it runs at once
   * @param queues the queues it takes from
   * @return the registry, to close on shutdown; null when the backend has no key-value store
   */
  static NodeRegistry start(
      Baton baton, String role, String url, int workers, List<String> queues) {
    TaskStore store = baton.backend();
    if (!store.capabilities().keyValue()) {
      return null;
    }
    Instant now = InstantSource.system().instant();
    Heartbeat self =
        new Heartbeat(
            baton.nodeId(),
            role,
            url,
            workers,
            List.copyOf(queues),
            List.copyOf(new java.util.TreeSet<>(baton.handledTypes())),
            now,
            now);
    NodeRegistry registry = new NodeRegistry(store.kv(), InstantSource.system(), self);
    registry.beat();
    registry.timer.scheduleWithFixedDelay(
        registry::beat, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return registry;
  }

  private void beat() {
    try {
      Instant now = clock.instant();
      Heartbeat beat =
          new Heartbeat(
              self.node(),
              self.role(),
              self.url(),
              self.workers(),
              self.queues(),
              self.types(),
              self.startedAt(),
              now);
      kv.set(PREFIX + self.node(), JSON.writeValueAsString(beat), now.plus(TTL));
    } catch (RuntimeException | JsonProcessingException e) {
      log.warn("Writing this node's heartbeat failed; will try again", e);
    }
  }

  /**
   * The nodes whose heartbeat is live, by node id.
   *
   * @param store the backend
   * @return the heartbeats; empty when the backend has no key-value store
   * @throws dev.baton.spi.StoreException if the backend fails
   */
  public static List<Heartbeat> alive(TaskStore store) {
    List<Heartbeat> nodes = new ArrayList<>();
    if (!store.capabilities().keyValue()) {
      return nodes;
    }
    for (String key : store.kv().keys(PREFIX)) {
      Optional<String> json = store.kv().get(key);
      if (json.isEmpty()) {
        continue; // expired between the listing and the read
      }
      try {
        nodes.add(JSON.readValue(json.get(), Heartbeat.class));
      } catch (JsonProcessingException e) {
        log.debug("Ignoring an unreadable heartbeat under {}", key, e);
      }
    }
    return nodes;
  }

  /** Stops the heartbeat and removes it, so the node leaves the list at once. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      kv.delete(PREFIX + self.node());
    } catch (RuntimeException e) {
      log.debug("Removing this node's heartbeat failed; it expires on its own", e);
    }
  }
}
