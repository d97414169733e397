package dev.baton.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskHandler;
import dev.baton.TaskType;
import dev.baton.event.TaskListener;
import dev.baton.retry.RetryPolicy;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@link dev.baton.BatonBuilder} collected, checked. Internal: not part of the API.
 * Built with {@link #builder()}, which names each of the 24 fields, rather than positionally.
 *
 * @param backendUrl the backend URL, used when {@code store} is null
 * @param store an open store the instance borrows, or null
 * @param types known task types by name
 * @param handlers handlers by type name
 * @param queues queues the workers take from
 * @param workers handlers that run at once
 * @param claimBatch most tasks per claim
 * @param lease lease length
 * @param reaperPeriod how often expired leases are looked for
 * @param shutdownGrace how long running handlers may finish at shutdown
 * @param pollInterval longest idle wait
 * @param kvSweepPeriod how often expired entries are swept
 * @param retention how long finished tasks are kept
 * @param purgePeriod how often finished tasks older than the retention are deleted
 * @param runScheduler whether this instance fires schedule ticks
 * @param misfireThreshold how late a tick may fire before it counts as missed
 * @param maxCatchUp the most missed ticks a FIRE_ALL schedule fires after downtime
 * @param minInterval the shortest period of an interval schedule
 * @param maxPayloadBytes largest payload
 * @param retry default retry policy
 * @param clock the clock
 * @param nodeId this node's id
 * @param mapper the JSON mapper
 * @param listeners event listeners
 */
public record Settings(
    String backendUrl,
    TaskStore store,
    Map<String, TaskType<?>> types,
    Map<String, TaskHandler<?>> handlers,
    Set<String> queues,
    int workers,
    int claimBatch,
    Duration lease,
    Duration reaperPeriod,
    Duration shutdownGrace,
    Duration pollInterval,
    Duration kvSweepPeriod,
    Duration retention,
    Duration purgePeriod,
    boolean runScheduler,
    Duration misfireThreshold,
    int maxCatchUp,
    Duration minInterval,
    int maxPayloadBytes,
    RetryPolicy retry,
    InstantSource clock,
    String nodeId,
    ObjectMapper mapper,
    List<TaskListener> listeners) {

  /**
   * A node id unique enough to tell nodes apart in a dashboard: host, process id, random suffix.
   *
   * @return the node id
   */
  public static String defaultNodeId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | SecurityException e) {
      host = "localhost";
    }
    String suffix = Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    String id = host + "-" + ProcessHandle.current().pid() + "-" + suffix;
    return id.length() <= 100 ? id : id.substring(id.length() - 100);
  }

  /**
   * A builder with every field unset (null, zero or false); {@link dev.baton.BatonBuilder} sets
   * them all.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets fields by name; the checks already ran in {@link dev.baton.BatonBuilder}. */
  public static final class Builder {
    private String backendUrl;
    private TaskStore store;
    private Map<String, TaskType<?>> types;
    private Map<String, TaskHandler<?>> handlers;
    private Set<String> queues;
    private int workers;
    private int claimBatch;
    private Duration lease;
    private Duration reaperPeriod;
    private Duration shutdownGrace;
    private Duration pollInterval;
    private Duration kvSweepPeriod;
    private Duration retention;
    private Duration purgePeriod;
    private boolean runScheduler;
    private Duration misfireThreshold;
    private int maxCatchUp;
    private Duration minInterval;
    private int maxPayloadBytes;
    private RetryPolicy retry;
    private InstantSource clock;
    private String nodeId;
    private ObjectMapper mapper;
    private List<TaskListener> listeners;

    private Builder() {}

    /**
     * @param backendUrl the backend URL, used when {@code store} is null
     * @return this builder
     */
    public Builder backendUrl(String backendUrl) {
      this.backendUrl = backendUrl;
      return this;
    }

    /**
     * @param store an open store the instance borrows, or null
     * @return this builder
     */
    public Builder store(TaskStore store) {
      this.store = store;
      return this;
    }

    /**
     * @param types known task types by name
     * @return this builder
     */
    public Builder types(Map<String, TaskType<?>> types) {
      this.types = types;
      return this;
    }

    /**
     * @param handlers handlers by type name
     * @return this builder
     */
    public Builder handlers(Map<String, TaskHandler<?>> handlers) {
      this.handlers = handlers;
      return this;
    }

    /**
     * @param queues queues the workers take from
     * @return this builder
     */
    public Builder queues(Set<String> queues) {
      this.queues = queues;
      return this;
    }

    /**
     * @param workers handlers that run at once
     * @return this builder
     */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /**
     * @param claimBatch most tasks per claim
     * @return this builder
     */
    public Builder claimBatch(int claimBatch) {
      this.claimBatch = claimBatch;
      return this;
    }

    /**
     * @param lease lease length
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /**
     * @param reaperPeriod how often expired leases are looked for
     * @return this builder
     */
    public Builder reaperPeriod(Duration reaperPeriod) {
      this.reaperPeriod = reaperPeriod;
      return this;
    }

    /**
     * @param shutdownGrace how long running handlers may finish at shutdown
     * @return this builder
     */
    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    /**
     * @param pollInterval longest idle wait
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * @param kvSweepPeriod how often expired entries are swept
     * @return this builder
     */
    public Builder kvSweepPeriod(Duration kvSweepPeriod) {
      this.kvSweepPeriod = kvSweepPeriod;
      return this;
    }

    /**
     * @param retention how long finished tasks are kept
     * @return this builder
     */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /**
     * @param purgePeriod how often finished tasks older than the retention are deleted
     * @return this builder
     */
    public Builder purgePeriod(Duration purgePeriod) {
      this.purgePeriod = purgePeriod;
      return this;
    }

    /**
     * @param runScheduler whether this instance fires schedule ticks
     * @return this builder
     */
    public Builder runScheduler(boolean runScheduler) {
      this.runScheduler = runScheduler;
      return this;
    }

    /**
     * @param misfireThreshold how late a tick may fire before it counts as missed
     * @return this builder
     */
    public Builder misfireThreshold(Duration misfireThreshold) {
      this.misfireThreshold = misfireThreshold;
      return this;
    }

    /**
     * @param maxCatchUp the most missed ticks a FIRE_ALL schedule fires after downtime
     * @return this builder
     */
    public Builder maxCatchUp(int maxCatchUp) {
      this.maxCatchUp = maxCatchUp;
      return this;
    }

    /**
     * @param minInterval the shortest period of an interval schedule
     * @return this builder
     */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = minInterval;
      return this;
    }

    /**
     * @param maxPayloadBytes largest payload
     * @return this builder
     */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /**
     * @param retry default retry policy
     * @return this builder
     */
    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    /**
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @param nodeId this node's id
     * @return this builder
     */
    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    /**
     * @param mapper the JSON mapper
     * @return this builder
     */
    public Builder mapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    /**
     * @param listeners event listeners
     * @return this builder
     */
    public Builder listeners(List<TaskListener> listeners) {
      this.listeners = listeners;
      return this;
    }

    /**
     * The settings with the fields set so far.
     *
     * @return the record
     */
    public Settings build() {
      return new Settings(
          backendUrl,
          store,
          types,
          handlers,
          queues,
          workers,
          claimBatch,
          lease,
          reaperPeriod,
          shutdownGrace,
          pollInterval,
          kvSweepPeriod,
          retention,
          purgePeriod,
          runScheduler,
          misfireThreshold,
          maxCatchUp,
          minInterval,
          maxPayloadBytes,
          retry,
          clock,
          nodeId,
          mapper,
          listeners);
    }
  }
}
