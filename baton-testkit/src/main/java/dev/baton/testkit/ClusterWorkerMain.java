package dev.baton.testkit;

import dev.baton.Baton;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the worker processes of the backends' crash tests (started with {@link ChildJvm}): a Baton
 * node on a shared backend that records each run it starts in the key-value store ({@code
 * run/TASK/NODE/ATTEMPT}), works for a millisecond, and succeeds; it runs until the test kills it.
 *
 * <p>Arguments: the backend URL, the node id and the number of workers.
 */
public final class ClusterWorkerMain {
  /** The payload of the cluster tests' tasks. */
  public record Work(int n) {}

  /** The cluster tests' task type. */
  public static final TaskType<Work> WORK = TaskType.of("cluster-work", Work.class);

  /**
   * The lease of every node: short, so that a killed node's tasks come back soon, yet long enough
   * that renewals outrun it on a loaded 2-core machine running three nodes and the database.
   */
  public static final Duration LEASE = Duration.ofSeconds(10);

  /** How often every node looks for expired leases. */
  public static final Duration REAPER = Duration.ofMillis(200);

  private ClusterWorkerMain() {}

  /**
   * Starts the node and blocks until the process is killed.
   *
   * @param args the backend URL, the node id and the number of workers
   * @throws InterruptedException never in practice: the process dies by SIGKILL
   */
  public static void main(String[] args) throws InterruptedException {
    String node = args[1];
    Baton baton =
        Baton.builder()
            .backend(args[0])
            .nodeId(node)
            .workers(Integer.parseInt(args[2]))
            .lease(LEASE)
            .reaperPeriod(REAPER)
            .pollInterval(Duration.ofMillis(100))
            .handle(
                WORK,
                (work, ctx) -> {
                  ctx.store()
                      .set(
                          "run/" + ctx.taskId().value() + "/" + node + "/" + ctx.attempt(),
                          work.n());
                  // Stands for the handler's work, so that a killed node dies with runs in flight.
                  LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
                  return work.n();
                })
            .start();
    System.out.println("node " + baton.nodeId() + " started");
    new CountDownLatch(1).await();
  }
}
