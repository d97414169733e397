package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.Baton;
import dev.baton.Fetch;
import dev.baton.InvalidPayloadException;
import dev.baton.LeaseLostException;
import dev.baton.LeasedTask;
import dev.baton.Outcome;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.store.memory.MemoryStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pull API's checks and its paths beside the engine, on the memory backend. */
class PullTest {
  record Job(String name) {}

  record Other(int n) {}

  static final TaskType<Job> JOB = TaskType.of("job", Job.class);
  static final TaskType<Other> OTHER = TaskType.of("other", Other.class).withQueue("elsewhere");
  static final Duration WAIT = Duration.ofSeconds(10);

  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stopBackground() {
    background.shutdownNow();
  }

  private static LeasedTask fetchOne(Baton baton, TaskType<?> type) {
    List<LeasedTask> tasks = baton.fetch(Fetch.builder().types(type).timeout(WAIT).build());
    assertThat(tasks).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void a_fetch_checks_its_arguments_and_needs_types_to_take() {
    assertThatThrownBy(() -> Fetch.builder().max(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fetch.builder().max(Fetch.MAX_TASKS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fetch.builder().timeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fetch.builder().queues("no spaces"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Fetch.builder().types(OTHER).build().queues()).containsExactly("elsewhere");
    assertThat(Fetch.builder().types(OTHER).queues("q").build().queues()).containsExactly("q");

    try (Baton bare = Baton.builder().workers(0).start()) {
      assertThatThrownBy(() -> bare.fetch(Fetch.builder().build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("queue");
      assertThatThrownBy(() -> bare.fetch(Fetch.builder().queues("default").build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("type");
      assertThat(bare.fetch(Fetch.builder().queues("default").types("job").build())).isEmpty();
    }
  }

  @Test
  void an_instance_with_handlers_pulls_other_types_beside_its_engine() {
    try (Baton baton = Baton.builder().handle(JOB, (job, ctx) -> "ran " + job.name()).start()) {
      TaskId handled = baton.enqueue(JOB, new Job("a")).id();
      TaskId pulled = baton.enqueue(OTHER, new Other(5)).id();

      assertThat(baton.task(handled).await(WAIT)).isEqualTo("ran a");
      LeasedTask task = fetchOne(baton, OTHER);
      assertThat(task.id()).isEqualTo(pulled);
      task.ack(task.payload(Other.class).n() * 2);
      assertThat(baton.task(pulled).await(WAIT)).isEqualTo(10);
      assertThat(baton.stats().succeeded()).isEqualTo(2);
    }
  }

  @Test
  void a_payload_or_state_that_does_not_map_leaves_the_task_held() {
    try (Baton baton = Baton.builder().workers(0).register(JOB).start()) {
      TaskId id = baton.enqueue(JOB, new Job("a")).id();
      LeasedTask task = fetchOne(baton, JOB);

      assertThatThrownBy(() -> task.payload(Other.class))
          .isInstanceOf(InvalidPayloadException.class);
      Object unwritable =
          new Object() {
            @SuppressWarnings("unused")
            public Object getSelf() {
              return this;
            }
          };
      assertThatThrownBy(() -> task.suspend(Duration.ZERO, unwritable))
          .isInstanceOf(InvalidPayloadException.class);

      assertThat(baton.task(id).get().orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
      task.complete(Outcome.fail("bad payload"));
      assertThat(baton.task(id).awaitDone(WAIT).status()).isEqualTo(TaskStatus.FAILED);
    }
  }

  @Test
  void a_cancel_on_the_same_node_refuses_the_later_ack_at_once() {
    try (Baton baton = Baton.builder().workers(0).register(JOB).start()) {
      TaskId id = baton.enqueue(JOB, new Job("a")).id();
      LeasedTask task = fetchOne(baton, JOB);

      assertThat(baton.cancel(id)).isTrue();

      assertThat(task.leaseLost()).isTrue();
      assertThatThrownBy(task::ack)
          .isInstanceOf(LeaseLostException.class)
          .hasMessageContaining("canceled");
      assertThat(baton.task(id).get().map(TaskRecord::status)).contains(TaskStatus.CANCELED);
    }
  }

  @Test
  void a_fetch_waiting_when_the_instance_closes_returns_nothing() {
    Baton baton = Baton.builder().workers(0).register(JOB).start();
    CompletableFuture<List<LeasedTask>> waiting =
        CompletableFuture.supplyAsync(
            () -> baton.fetch(Fetch.builder().types(JOB).timeout(Duration.ofMinutes(5)).build()),
            background);

    baton.close();

    assertThat(waiting.join()).isEmpty();
  }

  @Test
  void a_caller_that_settles_within_the_shutdown_grace_keeps_its_settlement() {
    try (MemoryStore store = new MemoryStore(InstantSource.system())) {
      Baton baton =
          Baton.builder().backend(store).workers(0).register(JOB).shutdownGrace(WAIT).start();
      TaskId id = baton.enqueue(JOB, new Job("a")).id();
      LeasedTask task = fetchOne(baton, JOB);
      CompletableFuture<Void> closed = CompletableFuture.runAsync(baton::close, background);

      task.ack("finished during the grace");

      closed.join();
      TaskRecord done = store.get(id).orElseThrow();
      assertThat(done.status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(done.result()).isEqualTo("\"finished during the grace\"");
    }
  }
}
