package dev.baton.store.jdbc;

import dev.baton.Baton;
import dev.baton.TaskType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link SqliteKillTest} kills: a Baton node on a SQLite file whose handlers never
 * finish, so that its claimed tasks are RUNNING, with live leases, when it dies.
 *
 * <p>Arguments: the database file and the number of workers.
 */
public final class SlowWorkerMain {
  /** The payload of the tasks in the kill test. */
  public record Work(int n) {}

  /** The task type of the kill test. */
  public static final TaskType<Work> WORK = TaskType.of("kill-test-work", Work.class);

  /** The lease of both the killed node and the recovering one. */
  public static final Duration LEASE = Duration.ofSeconds(2);

  private SlowWorkerMain() {}

  /**
   * Starts the node and blocks until the process is killed.
   *
   * @param args the database file and the number of workers
   * @throws InterruptedException never in practice: the process dies by SIGKILL
   */
  public static void main(String[] args) throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Baton baton =
        Baton.builder()
            .backend("sqlite:" + args[0])
            .nodeId("doomed-node")
            .workers(Integer.parseInt(args[1]))
            .lease(LEASE)
            .reaperPeriod(Duration.ofMillis(200))
            .handle(
                WORK,
                (work, context) -> {
                  never.await();
                  return work.n();
                })
            .start();
    System.out.println("started node " + baton.nodeId());
    never.await();
  }
}
