package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.Enqueue;
import dev.baton.TaskHandler;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.spi.QueueCount;
import dev.baton.spi.Settlement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Engines as nodes of one backend: tasks of a type a node does not handle wait for one that does, a
 * live node keeps the leases of long runs by renewing them, and a dead node's tasks come back
 * through lease expiry and run on a live node. Extend it and implement {@link #openStore}.
 */
public abstract class EngineNodesContract extends EngineContractSupport {
  /** A task type that the worker nodes in these tests do not handle. */
  protected static final TaskType<Job> OTHER = TaskType.of("other-job", Job.class);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineNodesContract() {}

  /** The shortest lease the builder allows, and a reaper that looks every 20 ms. */
  private static BatonBuilder shortLeases(BatonBuilder builder) {
    return builder.lease(Duration.ofSeconds(1)).reaperPeriod(Duration.ofMillis(20));
  }

  @Test
  void a_producer_only_instance_leaves_tasks_queued_and_visible_for_worker_nodes() {
    AtomicInteger producerRuns = new AtomicInteger();
    Baton producer =
        start(builder().workers(0).handle(JOB, (job, ctx) -> producerRuns.incrementAndGet()));

    TaskId id = producer.enqueue(JOB, new Job("queued", 1)).id();

    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.attempts()).isZero();
    if (capabilities().listing()) {
      assertThat(producer.counts())
          .containsExactly(new QueueCount(TestTasks.QUEUE, JOB.name(), TaskStatus.QUEUED, 1));
    }

    Baton worker = start(builder().handle(JOB, (job, ctx) -> "worker ran " + job.name()));
    assertThat(worker.task(id).await(WAIT)).isEqualTo("worker ran queued");
    assertThat(producerRuns.get()).isZero();
  }

  @Test
  void a_node_leaves_tasks_of_types_it_does_not_handle_queued_and_visible() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Baton node = start(builder().handle(JOB, (job, ctx) -> ran.add(job.name())));
    TaskId foreign =
        node.enqueue(OTHER, new Job("foreign", 1), Enqueue.options().priority(10)).id();
    TaskId mine = node.enqueue(JOB, new Job("mine", 1), Enqueue.options().priority(0)).id();

    assertThat(node.task(mine).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);

    TaskRecord left = store.get(foreign).orElseThrow();
    assertThat(left.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(left.attempts()).isZero();
    assertThat(ran).containsExactly("mine");
    assertThat(node.handledTypes()).containsExactly(JOB.name());
    assertThat(node.taskTypes()).contains(JOB.name(), OTHER.name());
    if (capabilities().listing()) {
      assertThat(node.counts())
          .contains(new QueueCount(TestTasks.QUEUE, OTHER.name(), TaskStatus.QUEUED, 1));
    }

    Baton otherNode = start(builder().handle(OTHER, (job, ctx) -> "handled " + job.name()));
    assertThat(otherNode.task(foreign).await(WAIT)).isEqualTo("handled foreign");
  }

  @Test
  void a_live_node_renews_the_lease_of_a_long_run_so_the_reaper_leaves_it_alone() {
    assumeCallerClock();
    CountDownLatch gate = gate();
    CountDownLatch started = new CountDownLatch(1);
    TaskHandler<Job> longRun =
        (job, ctx) -> {
          started.countDown();
          gate.await();
          return "outlived its lease " + ctx.attempt() + " time";
        };
    Baton node = start(shortLeases(builder()).handle(JOB, longRun));
    TaskId id = node.enqueue(JOB, new Job("long", 1)).id();
    Awaits.await(started, "the handler to start");

    for (int step = 0; step < 4; step++) {
      clock.advance(Duration.ofMillis(800));
      Awaits.await()
          .alias("the lease to be renewed")
          .until(
              () ->
                  clock
                      .instant()
                      .plusSeconds(1)
                      .equals(store.get(id).orElseThrow().leaseDeadline()));
    }
    gate.countDown();

    assertThat(node.task(id).await(WAIT)).isEqualTo("outlived its lease 1 time");
    TaskRecord task = store.get(id).orElseThrow();
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.errors()).isEmpty();
  }

  @Test
  void a_dead_nodes_task_runs_on_a_live_node_once_the_reaper_takes_its_lease_back() {
    assumeCallerClock();
    enqueue(TestTasks.newTask("orphan").payload("{\"name\":\"orphan\",\"n\":1}").build());
    List<TaskRecord> dead =
        store.claim(
            claimOf(
                "dead-node",
                Set.of(TestTasks.QUEUE),
                Set.of(TestTasks.TYPE),
                1,
                Duration.ofSeconds(5)));
    assertThat(ids(dead)).containsExactly("orphan");
    List<String> ran = new CopyOnWriteArrayList<>();
    TaskHandler<Job> recover =
        (job, ctx) -> {
          ran.add(job.name() + " attempt " + ctx.attempt());
          return "recovered";
        };
    Baton live = start(shortLeases(builder()).nodeId("live-node").handle(JOB, recover));
    assertThat(get("orphan").leaseOwner()).isEqualTo("dead-node");

    clock.advance(Duration.ofSeconds(5));

    assertThat(live.task(TaskId.of("orphan")).await(WAIT)).isEqualTo("recovered");
    TaskRecord task = get("orphan");
    assertThat(task.attempts()).isEqualTo(2);
    assertThat(task.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.exceptionClass()).isEqualTo("lease-expired");
              assertThat(error.message()).contains("dead-node");
            });
    assertThat(ran).containsExactly("orphan attempt 2");

    Settlement zombie = new Settlement.Succeed(leaseOf(dead.get(0)), "\"zombie\"", Duration.ZERO);
    assertThat(settle(zombie)).as("the dead node's late completion is fenced off").isFalse();
    assertSameJson(get("orphan").result(), "\"recovered\"");
  }
}
