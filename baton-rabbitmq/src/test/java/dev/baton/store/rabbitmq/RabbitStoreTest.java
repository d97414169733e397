package dev.baton.store.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import dev.baton.testkit.Awaits;
import dev.baton.testkit.ManualClock;
import dev.baton.testkit.TestTasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the RabbitMQ backend adds to its state store: the order of writes when a worker dies between
 * them, wake-ups through the broker, and delays through the TTL buckets.
 */
@RabbitTest
class RabbitStoreTest {
  record Job(int n) {}

  private static final TaskType<Job> JOB = TaskType.of(TestTasks.TYPE, Job.class);
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** Engines here never poll in a test's time: only the broker's deliveries wake them. */
  private static final Duration NO_POLL = Duration.ofMinutes(10);

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private String stateUrl() {
    return "sqlite:" + dir.resolve("baton.db");
  }

  private TaskStore rabbit(InstantSource clock) {
    return Broker.open(getClass(), stateUrl(), clock);
  }

  private Claim claim(String token) {
    return new Claim("node-a", token, Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), 10, LEASE);
  }

  @Test
  void a_record_whose_message_was_never_published_is_still_claimed() {
    // The enqueuing process died after the state store's commit, before the publish.
    try (TaskStore state = StoreProviders.open(stateUrl(), new StoreContext(clock))) {
      state.enqueue(List.of(TestTasks.newTask("orphan").build()));
    }
    try (TaskStore store = rabbit(clock)) {
      assertThat(store.claim(claim("t1")))
          .extracting(t -> t.id().value())
          .containsExactly("orphan");
    }
  }

  @Test
  void a_message_whose_task_was_settled_but_not_acked_runs_nothing_and_is_acked() {
    try (TaskStore store = rabbit(clock)) {
      store.enqueue(List.of(TestTasks.newTask("done").build()));
      // Another worker claimed and settled it, and died before its ack: the message stays.
      try (TaskStore state = StoreProviders.open(stateUrl(), new StoreContext(clock))) {
        TaskRecord claimed = state.claim(claim("t1")).get(0);
        state.settle(
            List.of(
                new Settlement.Succeed(
                    new Lease(claimed.id(), claimed.leaseToken()), null, Duration.ZERO)));
      }
      Awaits.await()
          .alias("the message to be delivered and acked by an empty claim")
          .until(() -> store.claim(claim("t" + System.nanoTime())).isEmpty() && messages() == 0);
      assertThat(store.get(TaskId.of("done")).orElseThrow().attempts()).isEqualTo(1);
    }
  }

  @Test
  void a_message_for_a_type_this_node_does_not_run_is_not_held() {
    try (TaskStore store = rabbit(clock)) {
      store.enqueue(List.of(TestTasks.newTask("other").type("other-type").build()));
      List<dev.baton.spi.NewTask> jobs = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        jobs.add(TestTasks.newTask("job-" + i).build());
      }
      store.enqueue(jobs);
      // Claims of one job each are always full, yet the other type's message is let go.
      Awaits.await()
          .alias("only the jobs' message left, the other type's acked")
          .until(
              () ->
                  store
                              .claim(
                                  new Claim(
                                      "node-a",
                                      "t" + System.nanoTime(),
                                      Set.of(TestTasks.QUEUE),
                                      Set.of(TestTasks.TYPE),
                                      1,
                                      LEASE))
                              .size()
                          == 1
                      && messages() == 1);
      assertThat(store.get(TaskId.of("other")).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    }
  }

  @Test
  void a_worker_that_dies_between_claim_and_settle_has_its_task_run_again_after_its_lease() {
    TaskStore dying = rabbit(clock);
    dying.enqueue(List.of(TestTasks.newTask("held").build()));
    assertThat(dying.claim(claim("t1"))).hasSize(1);
    dying.close(); // no settlement, no ack: the broker requeues the delivery
    try (TaskStore store = rabbit(clock)) {
      assertThat(store.claim(claim("t2"))).as("still leased by the dead worker").isEmpty();
      clock.advance(LEASE.plusSeconds(1));
      assertThat(store.expireLeases(10)).extracting(TaskId::value).containsExactly("held");
      TaskRecord again = store.claim(claim("t3")).get(0);
      assertThat(again.id().value()).isEqualTo("held");
      assertThat(again.attempts()).isEqualTo(2);
    }
  }

  @Test
  void delayed_tasks_from_another_process_start_on_the_brokers_wake_up_never_early() {
    int tasks = 40;
    Map<Integer, Instant> started = new ConcurrentHashMap<>();
    try (TaskStore producer = rabbit(InstantSource.system());
        TaskStore worker = rabbit(InstantSource.system());
        Baton baton =
            Baton.builder()
                .backend(worker)
                .pollInterval(NO_POLL)
                .workers(4)
                .handle(
                    JOB,
                    (job, ctx) -> {
                      started.put(job.n(), Instant.now());
                      return null;
                    })
                .start();
        Baton client = Baton.builder().backend(producer).workers(0).register(JOB).start()) {
      Awaits.await().alias("the worker consuming").until(() -> consumers() == 1);
      List<TaskId> ids = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        // Distinct delays, from a few milliseconds to over a second: many bucket paths.
        ids.add(
            client
                .enqueue(JOB, new Job(i), Enqueue.options().delay(Duration.ofMillis(5 + 31L * i)))
                .id());
      }
      Awaits.await().alias("every delayed task to run").until(() -> started.size() == tasks);
      for (TaskId id : ids) {
        TaskRecord task = producer.get(id).orElseThrow();
        assertThat(task.startedAt()).as("start of %s", id).isAfterOrEqualTo(task.runAt());
      }
    }
  }

  @Test
  void a_delay_of_days_waits_in_a_large_bucket() {
    try (TaskStore store = rabbit(InstantSource.system())) {
      Instant runAt = Instant.now().plus(Duration.ofDays(3));
      store.enqueue(List.of(TestTasks.newTask("later").runAt(runAt).build()));
      // 3 days = 259,200,000 ms; the largest power of two below it is 2^27 ms.
      Awaits.await()
          .alias("the message in the 2^27 ms bucket")
          .until(() -> messages(Transport.DELAY_PREFIX + (1L << 27)) == 1);
      assertThat(store.get(TaskId.of("later")).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
      assertThat(store.claim(claim("t1"))).isEmpty();
    }
  }

  private int consumers() {
    try {
      return Broker.consumers(getClass(), Transport.WORK_PREFIX + TestTasks.QUEUE);
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private long messages() {
    return messages(Transport.WORK_PREFIX + TestTasks.QUEUE);
  }

  private long messages(String queue) {
    try {
      String json = Broker.queue(getClass(), queue);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"messages\":(\\d+)").matcher(json);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
