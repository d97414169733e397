package dev.baton.bench.jmh;

import dev.baton.Baton;
import dev.baton.TaskRecord;
import dev.baton.TaskRequest;
import dev.baton.TaskType;
import dev.baton.bench.Ping;
import dev.baton.event.TaskListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enqueue to completion through a running Baton instance (engine, workers, settler, store), with a
 * no-op handler. {@code batch1000} enqueues 1,000 tasks in one {@code enqueueAll} and waits until
 * all are done: its score is tasks per second end to end. {@code roundTrip} enqueues one task and
 * waits until it is done: its score is the time per task on an otherwise idle instance.
 *
 * <p>Run: {@code java -cp baton-bench/target/baton-bench.jar org.openjdk.jmh.Main
 * EndToEndBenchmark} (add {@code -p backend=memory} for one backend).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class EndToEndBenchmark {
  private static final int BATCH = 1_000;

  /** Which backend: {@code memory} or {@code sqlite} (a file in a temp folder). */
  @Param({"memory", "sqlite"})
  public String backend;

  /** Handlers that run at once. */
  @Param({"64"})
  public int workers;

  private final TaskType<Ping> type = TaskType.of("bench.e2e", Ping.class);
  private final Done done = new Done();
  private Backends backends;
  private Baton baton;
  private long submitted;

  /** Makes the benchmark state; JMH calls it. */
  public EndToEndBenchmark() {}

  /** Starts Baton with a no-op handler. */
  @Setup(Level.Trial)
  public void start() {
    backends = new Backends(backend);
    baton =
        Baton.builder()
            .backend(backends.url)
            .handle(type, (ping, ctx) -> null)
            .workers(workers)
            .claimBatch(256)
            .listener(done)
            .start();
  }

  /** Empties the store between iterations; every task of the last one is done by then. */
  @Setup(Level.Iteration)
  public void clear() {
    baton.backend().clear();
  }

  /** Stops Baton and deletes its files. */
  @TearDown(Level.Trial)
  public void stop() {
    baton.close();
    backends.delete();
  }

  /**
   * Enqueues 1,000 tasks in one call and waits until all of them are done.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void batch1000() throws InterruptedException {
    List<TaskRequest> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(TaskRequest.of(type, new Ping(i, 0)));
    }
    submitted += BATCH;
    CountDownLatch reached = done.goal(submitted);
    baton.enqueueAll(batch);
    await(reached);
  }

  /**
   * Enqueues one task and waits until it is done.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void roundTrip() throws InterruptedException {
    submitted += 1;
    CountDownLatch reached = done.goal(submitted);
    baton.enqueue(type, new Ping(0, 0));
    await(reached);
  }

  private static void await(CountDownLatch reached) throws InterruptedException {
    if (!reached.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("tasks not done within a minute");
    }
  }

  /** Counts finished runs and opens a latch when a goal count is reached. */
  static final class Done implements TaskListener {
    private final AtomicLong count = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile CountDownLatch latch = new CountDownLatch(0);

    CountDownLatch goal(long goal) {
      CountDownLatch next = new CountDownLatch(1);
      latch = next;
      target = goal;
      return next;
    }

    @Override
    public void finished(TaskRecord task, RunEnd end, Duration ran) {
      if (end == RunEnd.RETRIED || end == RunEnd.SUSPENDED || end == RunEnd.RELEASED) {
        return;
      }
      if (count.incrementAndGet() >= target) {
        latch.countDown();
      }
    }
  }
}
