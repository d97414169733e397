package dev.baton.testkit;

import static dev.baton.testkit.TestTasks.newTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.TaskError;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Leases and fencing: renewal, the reaper's {@code expireLeases}, and settlements or renewals that
 * arrive with a token that no longer holds the task. Extend it and implement {@link #openStore}.
 */
public abstract class LeaseContract extends StoreContractSupport {
  private static final Duration SHORT = Duration.ofSeconds(10);

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected LeaseContract() {}

  /** Every kind of settlement, to show that fencing applies to each. */
  enum Kind {
    SUCCEED(lease -> new Settlement.Succeed(lease, "\"late\"", Duration.ofMillis(1))),
    FAIL(lease -> new Settlement.Fail(lease, lateError(), Duration.ofMillis(1))),
    RETRY(lease -> new Settlement.Retry(lease, Duration.ZERO, lateError(), Duration.ofMillis(1))),
    SUSPEND(
        lease ->
            new Settlement.Suspend(lease, Duration.ZERO, "{\"late\":true}", Duration.ofMillis(1))),
    RELEASE(lease -> new Settlement.Release(lease, Duration.ofMillis(1)));

    final Function<Lease, Settlement> make;

    Kind(Function<Lease, Settlement> make) {
      this.make = make;
    }

    private static TaskError lateError() {
      return new TaskError(Instant.EPOCH, 1, "late", "java.lang.RuntimeException", "");
    }
  }

  private TaskRecord claimWithShortLease(String id) {
    enqueue(id);
    List<TaskRecord> claimed = store.claim(claimOf(1, SHORT));
    assertThat(ids(claimed)).containsExactly(id);
    return claimed.get(0);
  }

  @Test
  void renew_extends_the_deadline_to_now_plus_the_lease() {
    assumeCallerClock();
    TaskRecord claimed = claimWithShortLease("a");
    clock.advance(Duration.ofSeconds(8));

    assertThat(store.renew(List.of(leaseOf(claimed)), Duration.ofSeconds(30)))
        .containsExactly(true);

    assertThat(get("a").leaseDeadline()).isEqualTo(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(store.expireLeases(10)).isEmpty();
    assertThat(get("a").status()).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void an_owner_and_token_with_separator_characters_round_trip_and_still_fence() {
    // Node ids are free text: a store that packs lease fields into one value must escape them.
    String owner = "host|7 %7C 100% ü";
    String token = "tok|%25|" + nextToken();
    String escapedSpelling = token.replace("%", "%25").replace("|", "%7C");
    enqueue("a", "b");
    List<TaskRecord> claimed =
        store.claim(
            new Claim(owner, token, Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), 2, LEASE));

    assertThat(claimed).extracting(TaskRecord::leaseOwner).containsOnly(owner);
    assertThat(claimed).extracting(TaskRecord::leaseToken).containsOnly(token);
    assertThat(get("a").leaseOwner()).isEqualTo(owner);
    assertThat(get("a").leaseToken()).isEqualTo(token);
    assertThat(
            store.renew(
                List.of(
                    new Lease(TaskId.of("a"), token), new Lease(TaskId.of("a"), escapedSpelling)),
                LEASE))
        .containsExactly(true, false);
    assertThat(
            settle(
                new Settlement.Succeed(
                    new Lease(TaskId.of("b"), escapedSpelling), null, Duration.ZERO)))
        .as("an escaped spelling of the token is another token")
        .isFalse();
    assertThat(
            settle(new Settlement.Succeed(new Lease(TaskId.of("b"), token), null, Duration.ZERO)))
        .isTrue();
    assertThat(get("b").status()).isEqualTo(TaskStatus.SUCCEEDED);
  }

  @Test
  void renew_reports_each_lease_in_order_and_false_for_lost_ones() {
    enqueue("a", "b");
    List<TaskRecord> claimed = claim(2);
    Lease wrongToken = new Lease(claimed.get(1).id(), "stolen");
    Lease missing = new Lease(TaskId.of("nobody"), "token");

    List<Boolean> kept = store.renew(List.of(leaseOf(claimed.get(0)), wrongToken, missing), LEASE);

    assertThat(kept).containsExactly(true, false, false);
    assertThat(get("b").leaseToken()).isEqualTo(claimed.get(1).leaseToken());
  }

  @Test
  void an_expired_lease_is_requeued_with_a_lease_expired_error_and_the_attempt_spent() {
    assumeCallerClock();
    TaskRecord claimed = claimWithShortLease("a");
    clock.advance(SHORT.minusMillis(1));
    assertThat(store.expireLeases(10)).as("not expired before the deadline").isEmpty();

    clock.advance(Duration.ofMillis(1));
    assertThat(store.expireLeases(10)).as("expired at the deadline").containsExactly(claimed.id());

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(task.attempts()).isEqualTo(1);
    assertThat(task.runAt()).isEqualTo(clock.instant());
    assertThat(task.leaseOwner()).isNull();
    assertThat(task.leaseToken()).isNull();
    assertThat(task.leaseDeadline()).isNull();
    assertThat(task.finishedAt()).isNull();
    assertThat(task.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.exceptionClass()).isEqualTo("lease-expired");
              assertThat(error.message()).contains(OWNER);
              assertThat(error.attempt()).isEqualTo(1);
              assertThat(error.at()).isEqualTo(clock.instant());
            });
    assertThat(claimOne("a").attempts()).isEqualTo(2);
  }

  @Test
  void
      of_one_claim_only_the_tasks_still_held_are_taken_back_and_a_renewed_one_at_its_own_deadline() {
    assumeCallerClock();
    enqueue("a", "b", "c", "d");
    List<TaskRecord> claimed = store.claim(claimOf(4, SHORT));
    assertThat(settle(new Settlement.Succeed(leaseOf(claimed.get(0)), null, Duration.ZERO)))
        .isTrue();
    assertThat(store.cancel(TaskId.of("b"))).contains(TaskStatus.RUNNING);
    clock.advance(SHORT.dividedBy(2));
    assertThat(store.renew(List.of(leaseOf(claimed.get(2))), SHORT)).containsExactly(true);

    clock.advance(SHORT.dividedBy(2));
    assertThat(store.expireLeases(10)).extracting(TaskId::value).containsExactly("d");
    assertThat(get("c").status()).isEqualTo(TaskStatus.RUNNING);

    clock.advance(SHORT.dividedBy(2));
    assertThat(store.expireLeases(10)).extracting(TaskId::value).containsExactly("c");
    assertThat(store.expireLeases(10)).isEmpty();
    assertThat(get("a").status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(get("b").status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void a_task_renewed_to_the_deadline_it_has_is_listed_and_taken_back_once() {
    assumeCallerClock();
    TaskRecord claimed = claimWithShortLease("a");
    assertThat(store.renew(List.of(leaseOf(claimed)), SHORT)).containsExactly(true);

    if (capabilities().listing()) {
      assertThat(ids(store.list(TaskQuery.byStatus(TaskStatus.RUNNING, 10)).items()))
          .containsExactly("a");
    }
    assertThat(ids(store.scan(0, 10))).containsExactly("a");
    clock.advance(SHORT);
    assertThat(store.expireLeases(10)).extracting(TaskId::value).containsExactly("a");
  }

  @Test
  void an_expired_lease_with_no_attempts_left_fails_the_task() {
    assumeCallerClock();
    enqueue(newTask("a").maxAttempts(1).build());
    store.claim(claimOf(1, SHORT));
    clock.advance(SHORT);

    assertThat(store.expireLeases(10)).extracting(TaskId::value).containsExactly("a");

    TaskRecord task = get("a");
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.finishedAt()).isEqualTo(clock.instant());
    assertThat(task.lastError().exceptionClass()).isEqualTo("lease-expired");
    assertThat(claim(10)).isEmpty();
  }

  @Test
  void expire_leases_takes_at_most_its_limit_and_only_expired_ones() {
    assumeCallerClock();
    enqueue("a", "b", "c", "d");
    store.claim(claimOf(3, SHORT));
    store.claim(claimOf(1, SHORT.multipliedBy(3)));
    clock.advance(SHORT);

    List<TaskId> first = store.expireLeases(2);
    List<TaskId> second = store.expireLeases(2);

    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(first).doesNotContainAnyElementsOf(second);
    assertThat(store.expireLeases(10)).isEmpty();
    assertThat(get("d").status()).isEqualTo(TaskStatus.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_settlement_after_the_lease_expired_is_fenced_off(Kind kind) {
    assumeCallerClock();
    TaskRecord zombie = claimWithShortLease("a");
    clock.advance(SHORT);
    store.expireLeases(10);
    TaskRecord requeued = get("a");

    assertThat(settle(kind.make.apply(leaseOf(zombie)))).isFalse();

    assertThat(get("a")).isEqualTo(requeued);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_settlement_with_the_old_token_after_a_new_claim_is_fenced_off(Kind kind) {
    assumeCallerClock();
    TaskRecord zombie = claimWithShortLease("a");
    clock.advance(SHORT);
    store.expireLeases(10);
    List<TaskRecord> reclaimed =
        store.claim(claimOf("node-b", Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), 1, LEASE));
    TaskRecord current = get("a");

    assertThat(settle(kind.make.apply(leaseOf(zombie)))).isFalse();

    assertThat(get("a")).isEqualTo(current);
    assertThat(current.leaseOwner()).isEqualTo("node-b");
    assertThat(current.leaseToken()).isEqualTo(reclaimed.get(0).leaseToken());
    assertThat(
            settle(new Settlement.Succeed(leaseOf(reclaimed.get(0)), "\"fresh\"", Duration.ZERO)))
        .isTrue();
    assertSameJson(get("a").result(), "\"fresh\"");
  }

  @Test
  void a_renewal_with_the_old_token_after_expiry_or_a_new_claim_is_refused() {
    assumeCallerClock();
    TaskRecord zombie = claimWithShortLease("a");
    clock.advance(SHORT);
    store.expireLeases(10);

    assertThat(store.renew(List.of(leaseOf(zombie)), LEASE)).containsExactly(false);
    assertThat(get("a").status()).isEqualTo(TaskStatus.QUEUED);

    TaskRecord fresh = claimOne("a");
    assertThat(store.renew(List.of(leaseOf(zombie)), Duration.ofHours(1))).containsExactly(false);
    assertThat(get("a").leaseDeadline()).isEqualTo(fresh.leaseDeadline());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_settlement_after_a_cancel_is_fenced_off(Kind kind) {
    TaskRecord claimed = claimWithShortLease("a");
    store.cancel(claimed.id());
    TaskRecord canceled = get("a");

    assertThat(settle(kind.make.apply(leaseOf(claimed)))).isFalse();

    assertThat(get("a")).isEqualTo(canceled);
    assertThat(canceled.status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void a_settlement_with_a_token_that_never_held_the_task_is_fenced_off() {
    claimWithShortLease("a");
    TaskRecord running = get("a");

    assertThat(
            settle(new Settlement.Succeed(new Lease(running.id(), "forged"), null, Duration.ZERO)))
        .isFalse();

    assertThat(get("a")).isEqualTo(running);
  }
}
