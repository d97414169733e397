package dev.baton.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.TaskId;
import dev.baton.spi.NewTask;
import dev.baton.spi.TaskStore;
import dev.baton.store.memory.MemoryStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Callers that arrive during a write share the next one; each gets its own answer. */
class GroupCommitTest {
  private final MemoryStore memory = new MemoryStore(InstantSource.system());

  /** The ids of each write the store received, in order. */
  private final List<List<String>> writes = new CopyOnWriteArrayList<>();

  private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
  private final CountDownLatch firstWriteBegan = new CountDownLatch(1);
  private final TaskStore store =
      (TaskStore)
          Proxy.newProxyInstance(
              TaskStore.class.getClassLoader(),
              new Class<?>[] {TaskStore.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("enqueue")) {
                  return method.invoke(memory, args);
                }
                @SuppressWarnings("unchecked")
                List<NewTask> tasks = (List<NewTask>) args[0];
                writes.add(tasks.stream().map(t -> t.id().value()).toList());
                if (tasks.stream().anyMatch(t -> t.payload().contains("refused"))) {
                  throw new IllegalStateException("refused by the store");
                }
                if (writes.size() == 1) {
                  firstWriteBegan.countDown();
                  firstWriteMayEnd.await(10, TimeUnit.SECONDS);
                }
                return memory.enqueue(tasks);
              });
  private final GroupCommit group = new GroupCommit(store);

  @AfterEach
  void close() {
    memory.close();
  }

  private static NewTask task(String id, String payload) {
    return NewTask.builder()
        .id(TaskId.of(id))
        .type("t")
        .queue("default")
        .payload(payload)
        .runAt(Instant.now())
        .maxAttempts(3)
        .timeout(Duration.ofMinutes(1))
        .build();
  }

  private CompletableFuture<List<Boolean>> enqueueInBackground(NewTask... tasks) {
    return CompletableFuture.supplyAsync(
        () -> group.enqueue(List.of(tasks)), command -> Thread.ofPlatform().start(command));
  }

  /**
   * Starts a first caller whose write blocks, then each of {@code callers} in turn, each once the
   * one before it waits; the first write is then let go. Returns every caller's answer, first
   * caller's first.
   */
  @SafeVarargs
  private List<CompletableFuture<List<Boolean>>> queuedBehindAWrite(List<NewTask>... callers)
      throws InterruptedException {
    List<CompletableFuture<List<Boolean>>> answers = new ArrayList<>();
    answers.add(enqueueInBackground(task("a", "{}")));
    assertThat(firstWriteBegan.await(10, TimeUnit.SECONDS)).isTrue();
    for (List<NewTask> caller : callers) {
      answers.add(enqueueInBackground(caller.toArray(NewTask[]::new)));
      int queued = answers.size() - 1;
      until(() -> group.waiting() == queued);
    }
    firstWriteMayEnd.countDown();
    return answers;
  }

  /** Spins (no sleep) until the condition holds; fails after ten seconds. */
  private static void until(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void a_lone_caller_writes_alone_at_once() {
    firstWriteMayEnd.countDown();

    assertThat(group.enqueue(List.of(task("a", "{}"), task("b", "{}"))))
        .containsExactly(true, true);

    assertThat(writes).containsExactly(List.of("a", "b"));
  }

  @Test
  void callers_that_arrive_during_a_write_share_the_next_one_and_get_their_own_results()
      throws Exception {
    var answers =
        queuedBehindAWrite(List.of(task("b", "{}"), task("c", "{}")), List.of(task("d", "{}")));

    assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).containsExactly(true, true);
    assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThat(writes).containsExactly(List.of("a"), List.of("b", "c", "d"));
    assertThat(memory.get(TaskId.of("d"))).isPresent();
  }

  @Test
  void a_second_enqueue_of_an_id_waits_for_the_first_to_be_stored_and_says_it_created_nothing()
      throws Exception {
    var answers =
        queuedBehindAWrite(List.of(task("x", "{\"n\":1}")), List.of(task("x", "{\"n\":2}")));

    assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).containsExactly(false);
    assertThat(writes).containsExactly(List.of("a"), List.of("x"), List.of("x"));
    assertThat(memory.get(TaskId.of("x")).orElseThrow().payload()).isEqualTo("{\"n\":1}");
  }

  @Test
  void a_write_the_store_refuses_fails_only_the_caller_whose_tasks_it_refused() throws Exception {
    var answers =
        queuedBehindAWrite(List.of(task("g", "{}")), List.of(task("r", "{\"refused\":true}")));

    assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThat(answers.get(1).get(10, TimeUnit.SECONDS)).containsExactly(true);
    assertThatThrownBy(() -> answers.get(2).get(10, TimeUnit.SECONDS))
        .hasRootCauseMessage("refused by the store");
    assertThat(writes).containsExactly(List.of("a"), List.of("g", "r"), List.of("g"), List.of("r"));
    assertThat(memory.get(TaskId.of("g"))).isPresent();
    assertThat(memory.get(TaskId.of("r"))).isEmpty();
  }

  @Test
  void a_batch_as_large_as_a_group_is_written_on_its_own() {
    firstWriteMayEnd.countDown();
    List<NewTask> many = new ArrayList<>();
    for (int i = 0; i < GroupCommit.MAX_TASKS; i++) {
      many.add(task("m" + i, "{}"));
    }

    assertThat(group.enqueue(many)).hasSize(GroupCommit.MAX_TASKS).containsOnly(true);

    assertThat(writes).hasSize(1);
    assertThat(group.waiting()).isZero();
  }
}
