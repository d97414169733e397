package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.KeyValueStore;
import dev.baton.TaskId;
import dev.baton.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Pausing a queue: no node claims from it, a run under way finishes, enqueues are still taken, and
 * a resume lets it run. The state lives in the backend's key-value store under a reserved key that
 * the user's key-value API hides. Extend it and implement {@link #openStore}.
 */
public abstract class QueuePauseContract extends EngineContractSupport {
  /** A second queue, never paused in these tests: a task there shows that a node still claims. */
  protected static final String OPEN = "open-queue";

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected QueuePauseContract() {}

  @Test
  void a_paused_queue_keeps_its_tasks_queued_while_a_run_under_way_finishes() {
    assumeKeyValue();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    // One worker, busy with the long run while the pause happens: its next claim comes after it.
    Baton node =
        start(
            builder()
                .queues(TestTasks.QUEUE, OPEN)
                .workers(1)
                .handle(
                    JOB,
                    (job, ctx) -> {
                      if (job.name().equals("long")) {
                        started.countDown();
                        gate.await();
                      }
                      return job.name();
                    }));
    TaskId running = node.enqueue(JOB, new Job("long", 1)).id();
    Awaits.await(started, "the long run to start");

    assertThat(node.pauseQueue(TestTasks.QUEUE)).isTrue();
    assertThat(node.pauseQueue(TestTasks.QUEUE)).isFalse();
    assertThat(node.pausedQueues()).containsExactly(TestTasks.QUEUE);
    TaskId held = node.enqueue(JOB, new Job("held", 1), Enqueue.options().priority(10)).id();
    TaskId marker = node.enqueue(JOB, new Job("marker", 1), Enqueue.options().queue(OPEN)).id();
    gate.countDown();

    assertThat(node.task(running).await(WAIT)).isEqualTo("long");
    assertThat(node.task(marker).await(WAIT)).isEqualTo("marker");
    assertThat(store.get(held).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(store.get(held).orElseThrow().attempts()).isZero();

    assertThat(node.resumeQueue(TestTasks.QUEUE)).isTrue();
    assertThat(node.resumeQueue(TestTasks.QUEUE)).isFalse();
    assertThat(node.pausedQueues()).isEmpty();
    assertThat(node.task(held).await(WAIT)).isEqualTo("held");
  }

  @Test
  void a_pause_on_one_node_holds_on_another_node_of_the_same_backend() {
    assumeKeyValue();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch gate = gate();
    Baton admin = start(builder().workers(0).handle(JOB, (job, ctx) -> job.name()));
    // One worker, kept busy: its dispatcher claims nothing until the gate opens, so its first
    // claim after that reads the paused list as it is once the pause is seen.
    Baton worker =
        start(
            builder()
                .queues(TestTasks.QUEUE, OPEN)
                .workers(1)
                .handle(
                    JOB,
                    (job, ctx) -> {
                      if (job.name().equals("busy")) {
                        started.countDown();
                        gate.await();
                      }
                      return "ran " + job.name();
                    }));
    TaskId busy = admin.enqueue(JOB, new Job("busy", 1), Enqueue.options().queue(OPEN)).id();
    Awaits.await(started, "the worker node to be busy");

    admin.pauseQueue(TestTasks.QUEUE);
    if (capabilities().callerClock()) {
      clock.advance(Duration.ofSeconds(2));
    }
    Awaits.await()
        .alias("the worker node to see the pause")
        .until(() -> worker.pausedQueues().contains(TestTasks.QUEUE));
    TaskId held = admin.enqueue(JOB, new Job("held", 1), Enqueue.options().priority(10)).id();
    TaskId marker = admin.enqueue(JOB, new Job("marker", 1), Enqueue.options().queue(OPEN)).id();
    gate.countDown();

    assertThat(worker.task(busy).await(WAIT)).isEqualTo("ran busy");
    assertThat(worker.task(marker).await(WAIT)).isEqualTo("ran marker");
    assertThat(store.get(held).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);

    admin.resumeQueue(TestTasks.QUEUE);
    if (capabilities().callerClock()) {
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(worker.task(held).await(WAIT)).isEqualTo("ran held");
  }

  @Test
  void the_reserved_keys_stay_out_of_the_users_key_value_store() {
    assumeKeyValue();
    Baton node = start(builder().workers(0).handle(JOB, (job, ctx) -> job.name()));
    node.store().set("user-key", 1);
    node.pauseQueue("reports");

    assertThat(node.store().keys("")).containsExactly("user-key");
    assertThat(node.store().keys(KeyValueStore.RESERVED_PREFIX)).isEmpty();
    assertThat(node.store().size()).isEqualTo(1);
    assertThatThrownBy(() -> node.store().set(KeyValueStore.RESERVED_PREFIX + "paused/x", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> node.store().delete(KeyValueStore.RESERVED_PREFIX + "paused/reports"))
        .isInstanceOf(IllegalArgumentException.class);

    node.store().clear();
    assertThat(node.store().keys("")).isEmpty();
    assertThat(node.pausedQueues()).containsExactly("reports");
  }

  @Test
  void a_blank_queue_name_is_refused_and_resuming_an_unpaused_queue_says_so() {
    assumeKeyValue();
    Baton node = start(builder().workers(0).handle(JOB, (job, ctx) -> job.name()));
    assertThatThrownBy(() -> node.pauseQueue(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(node.resumeQueue("never-paused")).isFalse();
  }

  @Test
  void a_queue_name_an_enqueue_refuses_is_refused_by_pause_and_resume_too() {
    assumeKeyValue();
    Baton node = start(builder().workers(0).handle(JOB, (job, ctx) -> job.name()));
    for (String name : List.of("_baton/x", "a\u0000b", "q".repeat(101), "with space", "")) {
      assertThatThrownBy(() -> Enqueue.options().queue(name))
          .as("enqueue of queue %s", name)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> node.pauseQueue(name))
          .as("pause of queue %s", name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("queue");
      assertThatThrownBy(() -> node.resumeQueue(name))
          .as("resume of queue %s", name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(node.pausedQueues()).isEmpty();
    assertThat(node.pauseQueue("q".repeat(100))).isTrue();
  }
}
