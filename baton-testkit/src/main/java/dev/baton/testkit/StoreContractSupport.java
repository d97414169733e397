package dev.baton.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.spi.Capabilities;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Settlement;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of every contract class: opens a fresh, empty store before each test on a {@link
 * ManualClock} and closes it after, and offers the small helpers the contracts share. A backend
 * does not extend this class directly; it extends the contracts ({@link QueueContract} and the
 * others), each in a few lines, as JUnit {@code @Nested} classes of one test class per backend
 * variant:
 *
 * <pre>{@code
 * class SqliteContractsTest {
 *   @TempDir Path dir;
 *
 *   @Nested
 *   class Queue extends QueueContract {
 *     @Override
 *     protected TaskStore openStore(InstantSource clock) {
 *       return new SqliteStoreProvider().open("sqlite:" + dir.resolve("baton.db"), new StoreContext(clock));
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Tests that move time gate themselves on {@link Capabilities#callerClock()}, listing tests on
 * {@link Capabilities#listing()}, and so on: a backend skips only what its flags say it cannot do.
 */
public abstract class StoreContractSupport {
  /** The node id that store-level claims use as lease owner. */
  protected static final String OWNER = "node-a";

  /** The lease length of store-level claims unless a test names another. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicLong tokens = new AtomicLong();

  /** The clock handed to the store; tests move it when the store honours the caller's clock. */
  protected final ManualClock clock = new ManualClock();

  /** The store under test, fresh and empty for each test. */
  protected TaskStore store;

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected StoreContractSupport() {}

  /**
   * Opens a fresh, empty store for one test. The suite closes it after the test.
   *
   * @param clock the clock the store must use when it honours {@link Capabilities#callerClock()}
   * @return the open store
   */
  protected abstract TaskStore openStore(InstantSource clock);

  /**
   * The clock a contract opens its store with: the manual {@link #clock} unless a contract needs
   * real time.
   *
   * @return the clock
   */
  protected InstantSource storeClock() {
    return clock;
  }

  /** Opens the store for the next test. */
  @BeforeEach
  protected void openFreshStore() {
    store = openStore(storeClock());
    assertThat(store).as("openStore must return a store").isNotNull();
  }

  /** Closes the store after a test. */
  @AfterEach
  protected void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /**
   * The store's capability flags.
   *
   * @return the flags
   */
  protected Capabilities capabilities() {
    return store.capabilities();
  }

  /** Skips the test unless the store reads time from the manual clock. */
  protected void assumeCallerClock() {
    assumeTrue(capabilities().callerClock(), "the store uses its own clock");
  }

  /** Skips the test unless the store can list and count tasks. */
  protected void assumeListing() {
    assumeTrue(capabilities().listing(), "the store cannot list tasks");
  }

  /** Skips the test unless the store has a key-value store. */
  protected void assumeKeyValue() {
    assumeTrue(capabilities().keyValue(), "the store has no key-value store");
  }

  /**
   * Inserts tasks with the {@link TestTasks} defaults, asserting each was created.
   *
   * @param ids the ids, in enqueue order
   */
  protected void enqueue(String... ids) {
    for (String id : ids) {
      enqueue(TestTasks.newTask(id).build());
    }
  }

  /**
   * Inserts one task, asserting it was created.
   *
   * @param task the task
   */
  protected void enqueue(NewTask task) {
    assertThat(store.enqueue(List.of(task))).as("enqueue of %s", task.id()).containsExactly(true);
  }

  /**
   * Reads a task that must exist.
   *
   * @param id the task's id
   * @return the task
   */
  protected TaskRecord get(String id) {
    return store.get(TaskId.of(id)).orElseThrow(() -> new AssertionError("no task " + id));
  }

  /**
   * Claims from the default queue and type as {@link #OWNER} with a fresh token.
   *
   * @param limit the most tasks to claim
   * @return the claimed tasks
   */
  protected List<TaskRecord> claim(int limit) {
    return store.claim(claimOf(limit, LEASE));
  }

  /**
   * A claim of the default queue and type as {@link #OWNER} with a fresh token.
   *
   * @param limit the most tasks to claim
   * @param lease the lease length
   * @return the claim
   */
  protected Claim claimOf(int limit, Duration lease) {
    return claimOf(OWNER, Set.of(TestTasks.QUEUE), Set.of(TestTasks.TYPE), limit, lease);
  }

  /**
   * A claim with a fresh token.
   *
   * @param owner the claiming node
   * @param queues the queues
   * @param types the task types
   * @param limit the most tasks
   * @param lease the lease length
   * @return the claim
   */
  protected Claim claimOf(
      String owner, Set<String> queues, Set<String> types, int limit, Duration lease) {
    return new Claim(owner, nextToken(), queues, types, limit, lease);
  }

  /**
   * A fencing token never used before in this test.
   *
   * @return the token
   */
  protected String nextToken() {
    return "token-" + tokens.incrementAndGet();
  }

  /**
   * Claims exactly one task, which must be the one named.
   *
   * @param id the task expected
   * @return the claimed task
   */
  protected TaskRecord claimOne(String id) {
    List<TaskRecord> claimed = claim(1);
    assertThat(claimed).extracting(t -> t.id().value()).containsExactly(id);
    return claimed.get(0);
  }

  /**
   * The lease a claimed task is held under.
   *
   * @param claimed the task as the claim returned it
   * @return its lease
   */
  protected static Lease leaseOf(TaskRecord claimed) {
    return new Lease(claimed.id(), claimed.leaseToken());
  }

  /**
   * Applies one settlement.
   *
   * @param settlement the settlement
   * @return true if it applied
   */
  protected boolean settle(Settlement settlement) {
    List<Boolean> applied = store.settle(List.of(settlement));
    assertThat(applied).hasSize(1);
    return applied.get(0);
  }

  /**
   * The ids of tasks, in order.
   *
   * @param tasks the tasks
   * @return their ids as strings
   */
  protected static List<String> ids(List<TaskRecord> tasks) {
    return tasks.stream().map(t -> t.id().value()).toList();
  }

  /**
   * Asserts an instant is the store's "now": the manual clock's reading when the store honours it,
   * else within a minute of the real time.
   *
   * @param actual the instant the store recorded
   * @param what what it is, for the failure message
   */
  protected void assertIsNow(Instant actual, String what) {
    if (capabilities().callerClock()) {
      assertThat(actual).as(what).isEqualTo(clock.instant());
    } else {
      assertThat(actual).as(what).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }
  }

  /**
   * Asserts two JSON texts hold the same value, whatever the spacing or key order.
   *
   * @param actual the JSON read back
   * @param expected the JSON written
   */
  protected static void assertSameJson(String actual, String expected) {
    try {
      assertThat(actual).as("JSON").isNotNull();
      assertThat(JSON.readTree(actual)).as("JSON %s", actual).isEqualTo(JSON.readTree(expected));
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + actual, e);
    }
  }
}
