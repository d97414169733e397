package dev.baton.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.Baton;
import dev.baton.Enqueue;
import dev.baton.NodeStats;
import dev.baton.Outcome;
import dev.baton.TaskId;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import dev.baton.retry.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeStatsTest {
  record Step(String outcome) {}

  static final TaskType<Step> STEP = TaskType.of("step", Step.class);
  static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void a_fresh_node_reports_its_workers_idle_and_every_counter_at_zero() {
    try (Baton baton = Baton.builder().handle(STEP, (step, ctx) -> null).workers(3).start()) {
      assertThat(baton.stats()).isEqualTo(new NodeStats(3, 0, 0, 0, 0, 0, 0));
      assertThat(baton.stats().idle()).isEqualTo(3);
    }
  }

  @Test
  void busy_workers_are_the_handlers_running_now() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (Baton baton =
        Baton.builder()
            .handle(
                STEP,
                (step, ctx) -> {
                  started.countDown();
                  release.await();
                  return null;
                })
            .workers(4)
            .start()) {
      TaskId a = baton.enqueue(STEP, new Step("ok")).id();
      TaskId b = baton.enqueue(STEP, new Step("ok")).id();
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

      NodeStats running = baton.stats();
      assertThat(running.busy()).isEqualTo(2);
      assertThat(running.idle()).isEqualTo(2);

      release.countDown();
      baton.task(a).awaitDone(WAIT);
      baton.task(b).awaitDone(WAIT);
      await().atMost(WAIT).until(() -> baton.stats().succeeded() == 2);
      assertThat(baton.stats().busy()).isZero();
      assertThat(baton.stats().idle()).isEqualTo(4);
    }
  }

  @Test
  void counters_count_what_was_created_and_each_stored_outcome_once() {
    try (Baton baton =
        Baton.builder()
            .handle(
                STEP,
                (step, ctx) ->
                    switch (step.outcome()) {
                      case "fail" -> Outcome.fail("no");
                      case "throw" -> throw new IllegalStateException("boom");
                      case "suspend" ->
                          ctx.state(String.class).isPresent()
                              ? null
                              : Outcome.suspend(Duration.ofMillis(1), "once");
                      default -> null;
                    })
            .retry(RetryPolicy.fixed(Duration.ofMillis(1), 1))
            .workers(2)
            .start()) {
      TaskId ok = baton.enqueue(STEP, new Step("ok"), Enqueue.options().id("ok")).id();
      assertThat(baton.enqueue(STEP, new Step("ok"), Enqueue.options().id("ok")).created())
          .isFalse();
      TaskId fail = baton.enqueue(STEP, new Step("fail")).id();
      TaskId thrown = baton.enqueue(STEP, new Step("throw")).id();
      TaskId suspend = baton.enqueue(STEP, new Step("suspend")).id();

      assertThat(baton.task(ok).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);
      assertThat(baton.task(fail).awaitDone(WAIT).status()).isEqualTo(TaskStatus.FAILED);
      assertThat(baton.task(thrown).awaitDone(WAIT).status()).isEqualTo(TaskStatus.FAILED);
      assertThat(baton.task(suspend).awaitDone(WAIT).status()).isEqualTo(TaskStatus.SUCCEEDED);

      // "throw" runs twice: one retry, then failed; "suspend" is stored SUSPENDED once, then
      // succeeds.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> assertThat(baton.stats()).isEqualTo(new NodeStats(2, 0, 4, 2, 2, 1, 1)));
    }
  }
}
