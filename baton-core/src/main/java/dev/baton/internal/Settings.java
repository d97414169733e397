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
}
