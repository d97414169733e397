package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import dev.baton.spi.TaskQuery;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The verdict of a backend's crash test, shared by every backend: {@link ClusterWorkerMain} nodes
 * run tasks that record each start in the key-value store; the test kills one node with SIGKILL
 * through {@link #kill}, waits for every task to succeed, and {@link #verify} checks that nothing
 * was lost and that only tasks the killed node held ran twice.
 */
public final class CrashCheck {
  private final TaskStore observer;
  private final String node;
  private final Instant killedAt;
  private final Set<String> held;

  private CrashCheck(TaskStore observer, String node, Instant killedAt, Set<String> held) {
    this.observer = observer;
    this.node = node;
    this.killedAt = killedAt;
    this.held = held;
  }

  /**
   * Kills a node's process with SIGKILL, waits for it to die, and notes the tasks it held.
   *
   * @param process the node's process
   * @param node the node's id, as its leases name it
   * @param observer a store on the same backend, to read from
   * @return the check to verify once every task has succeeded
   * @throws InterruptedException if interrupted while the process dies
   * @throws AssertionError if the process does not die within 30 seconds
   */
  public static CrashCheck kill(Process process, String node, TaskStore observer)
      throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s died", node).isTrue();
    Instant killedAt = Instant.now();
    Set<String> held = new HashSet<>();
    for (TaskRecord task : observer.list(TaskQuery.byStatus(TaskStatus.RUNNING, 1000)).items()) {
      if (node.equals(task.leaseOwner())) {
        held.add(task.id().value());
      }
    }
    return new CrashCheck(observer, node, killedAt, held);
  }

  /**
   * The kill test of every backend that spreads work over processes: once half of {@code tasks}
   * have succeeded, kills the node with SIGKILL, waits until all have succeeded, and verifies.
   *
   * @param process the node to kill
   * @param node its id, as its leases name it
   * @param observer a store on the same backend, to read from
   * @param tasks how many tasks were enqueued, all expected to succeed
   * @param timeout how long each wait may take
   * @return the verified outcome, to report
   * @throws InterruptedException if interrupted while the process dies
   * @throws AssertionError if a wait times out or the outcome breaks the rules of {@link #verify}
   */
  public static Result killHalfWay(
      Process process, String node, TaskStore observer, int tasks, Duration timeout)
      throws InterruptedException {
    Awaits.await(timeout)
        .alias("half the tasks to succeed")
        .until(() -> succeeded(observer) >= tasks / 2);
    CrashCheck check = kill(process, node, observer);
    Awaits.await(timeout).alias("every task to succeed").until(() -> succeeded(observer) == tasks);
    return check.verify(tasks);
  }

  /**
   * How many tasks have succeeded, or -1 while the backend does not answer (a test that restarts
   * its server polls through the outage).
   *
   * @param store the store to count in
   * @return the count of SUCCEEDED tasks, or -1
   */
  public static long succeeded(TaskStore store) {
    try {
      return store.counts().stream()
          .filter(c -> c.status() == TaskStatus.SUCCEEDED)
          .mapToLong(QueueCount::count)
          .sum();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /**
   * The nodes that started each task, from the run records {@link ClusterWorkerMain} writes.
   *
   * @param store the store to read
   * @return per task id, the node of each start
   */
  public static Map<String, List<String>> runs(TaskStore store) {
    Map<String, List<String>> runs = new HashMap<>();
    for (String key : store.kv().keys("run/")) {
      String[] parts = key.split("/");
      runs.computeIfAbsent(parts[1], id -> new ArrayList<>()).add(parts[2]);
    }
    return runs;
  }

  /**
   * Checks, once every task has succeeded: all {@code tasks} succeeded and none is in any other
   * state; each ran; a task ran twice only if the killed node held it, once there and once
   * elsewhere; each task the killed node held was requeued by an expired lease naming it.
   *
   * @param tasks how many tasks the test enqueued, all of {@link ClusterWorkerMain#WORK}
   * @return what happened, for the test's report
   * @throws AssertionError if any of it does not hold
   */
  public Result verify(int tasks) {
    assertThat(observer.counts())
        .as("0 lost, none failed or left behind")
        .containsExactly(
            new QueueCount(
                ClusterWorkerMain.WORK.queue(),
                ClusterWorkerMain.WORK.name(),
                TaskStatus.SUCCEEDED,
                tasks));
    Map<String, List<String>> runs = runs(observer);
    assertThat(runs).as("every task ran").hasSize(tasks);
    Set<String> twice = new HashSet<>();
    runs.forEach(
        (id, runners) -> {
          if (runners.size() > 1) {
            twice.add(id);
            // The error history tells a lease lost by a live node from a failed attempt.
            assertThat(runners)
                .as(
                    "runs of %s, error history %s",
                    id, observer.get(TaskId.of(id)).orElseThrow().errors())
                .contains(node)
                .hasSize(2);
          }
        });
    assertThat(held).as("%s's tasks when it died", node).containsAll(twice);
    Instant lastRestart = killedAt;
    for (String id : held) {
      TaskRecord task = observer.get(TaskId.of(id)).orElseThrow();
      assertThat(task.attempts()).as("attempts of %s", id).isEqualTo(2);
      assertThat(task.errors())
          .as("error history of %s", id)
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.exceptionClass()).isEqualTo("lease-expired");
                assertThat(error.message()).contains(node);
              });
      lastRestart = task.startedAt().isAfter(lastRestart) ? task.startedAt() : lastRestart;
    }
    return new Result(
        held.size(), twice.size(), held.isEmpty() ? null : Duration.between(killedAt, lastRestart));
  }

  /**
   * What a crash test saw.
   *
   * @param held tasks the killed node held when it died
   * @param ranTwice tasks that ran twice, all among {@code held}
   * @param recovery from the kill to the last restart of a held task, or null if it held none
   */
  public record Result(int held, int ranTwice, Duration recovery) {
    /**
     * The report line's tail: how many the node held, how many ran twice, how long until they ran
     * again.
     *
     * @return the sentence
     */
    public String describe() {
      return held
          + " held by the killed node, "
          + ranTwice
          + " ran twice; "
          + (recovery == null
              ? "it held none when it died"
              : "all running again " + recovery.toMillis() + " ms after the kill");
    }
  }
}
