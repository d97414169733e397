package dev.baton.store.jdbc;

import dev.baton.Baton;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * One of the nodes {@link SqliteScheduleClusterTest} runs: a Baton instance on a SQLite file that
 * creates the shared one-second schedule at start-up (as every node of an application would) and
 * runs the scheduler until the process is killed.
 *
 * <p>Arguments: the database file and the node id.
 */
public final class SchedulerNodeMain {
  /** The payload of the schedule's tasks. */
  public record Tick(String from) {}

  /** The task type the schedule makes; no node handles it, so its tasks stay for inspection. */
  public static final TaskType<Tick> TICK = TaskType.of("cluster-tick", Tick.class);

  /** The shared schedule's name. */
  public static final String SCHEDULE = "every-second";

  private SchedulerNodeMain() {}

  /**
   * Starts the node and blocks until the process is stopped.
   *
   * @param args the database file and the node id
   * @throws InterruptedException never in practice: the test kills the process
   */
  public static void main(String[] args) throws InterruptedException {
    Baton baton =
        Baton.builder()
            .backend("sqlite:" + args[0])
            .nodeId(args[1])
            .register(TICK)
            .workers(0)
            .pollInterval(Duration.ofMillis(200))
            .start();
    baton.schedules().interval(SCHEDULE, Duration.ofSeconds(1), TICK, new Tick("cluster"));
    System.out.println("node " + baton.nodeId() + " scheduling");
    new CountDownLatch(1).await();
  }
}
