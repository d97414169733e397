package dev.baton.testkit;

import dev.baton.Baton;
import dev.baton.BatonBuilder;
import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.TaskStatus;
import dev.baton.TaskType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;

/**
 * The base of the contracts that run real {@link Baton} engines on the store under test. Engines
 * started with {@link #start(BatonBuilder)} are closed after each test, before the store; latches
 * made with {@link #gate()} are opened first, so that no handler is left blocking a shutdown.
 */
public abstract class EngineContractSupport extends StoreContractSupport {
  /**
   * The payload of {@link #JOB} tasks.
   *
   * @param name a label the handlers report back
   * @param n a number
   */
  public record Job(String name, int n) {}

  /** The task type most engine tests run; its name and queue match {@link TestTasks}. */
  protected static final TaskType<Job> JOB = TaskType.of(TestTasks.TYPE, Job.class);

  /** How long engine tests wait for a task to end. */
  protected static final Duration WAIT = Awaits.TIMEOUT;

  private final List<Baton> batons = new CopyOnWriteArrayList<>();
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

  /** Makes the contract; a backend's subclass needs no constructor. */
  protected EngineContractSupport() {}

  /**
   * The clock engines run on: the manual clock when the store honours it, else the system clock, so
   * that engine and store agree on "now".
   *
   * @return the clock
   */
  protected InstantSource engineClock() {
    return capabilities().callerClock() ? clock : InstantSource.system();
  }

  /**
   * A builder on the store under test with test-friendly settings: the {@link #engineClock()}, a
   * short poll interval and a shutdown grace of a few seconds. Tests add handlers and policies.
   *
   * @return the builder
   */
  protected BatonBuilder builder() {
    return Baton.builder()
        .backend(store)
        .clock(engineClock())
        .pollInterval(Duration.ofMillis(50))
        .shutdownGrace(Duration.ofSeconds(5));
  }

  /**
   * Starts an engine that the suite closes after the test.
   *
   * @param builder the configured builder
   * @return the running engine
   */
  protected Baton start(BatonBuilder builder) {
    Baton baton = builder.start();
    batons.add(baton);
    return baton;
  }

  /**
   * A latch with one count that the suite opens after the test, for handlers to block on.
   *
   * @return the latch
   */
  protected CountDownLatch gate() {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    return gate;
  }

  /**
   * Waits until a task reaches a status, and returns it as it is then.
   *
   * @param id the task
   * @param status the status to wait for
   * @return the task in that status
   */
  protected TaskRecord awaitStatus(TaskId id, TaskStatus status) {
    Awaits.await()
        .alias("task " + id + " to be " + status)
        .until(() -> store.get(id).map(TaskRecord::status).orElse(null) == status);
    return store.get(id).orElseThrow();
  }

  /** Opens every gate, then closes every engine, newest first. */
  @AfterEach
  protected void closeEngines() {
    gates.forEach(CountDownLatch::countDown);
    List<Baton> open = new ArrayList<>(batons);
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    batons.clear();
  }
}
