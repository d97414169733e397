package dev.baton.bench.jmh;

import dev.baton.TaskId;
import dev.baton.TaskRecord;
import dev.baton.spi.Claim;
import dev.baton.spi.Lease;
import dev.baton.spi.NewTask;
import dev.baton.spi.Settlement;
import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * The store's hot path through the backend SPI, with no engine around it: enqueue tasks, claim
 * them, settle them as succeeded, one thread. The score is tasks per second through all three
 * steps; {@code batch128} moves 128 tasks per SPI call (the engine's default claim batch), {@code
 * single} one. This is the ceiling the engine can reach on a backend.
 *
 * <p>Run: {@code java -cp baton-bench/target/baton-bench.jar org.openjdk.jmh.Main StoreBenchmark}
 * (add {@code -p backend=memory} for one backend).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx4g"})
public class StoreBenchmark {
  private static final int BATCH = 128;
  private static final String QUEUE = "bench";
  private static final String TYPE = "bench.noop";
  private static final String PAYLOAD = "{\"n\":1}";

  /** Which backend: {@code memory} or {@code sqlite} (a file in a temp folder). */
  @Param({"memory", "sqlite"})
  public String backend;

  private Backends backends;
  private TaskStore store;
  private long counter;

  /** Makes the benchmark state; JMH calls it. */
  public StoreBenchmark() {}

  /** Opens the store. */
  @Setup(Level.Trial)
  public void open() {
    backends = new Backends(backend);
    store = StoreProviders.open(backends.url, new StoreContext(InstantSource.system()));
  }

  /** Empties the store, so that finished tasks do not pile up across iterations. */
  @Setup(Level.Iteration)
  public void clear() {
    store.clear();
  }

  /** Closes the store and deletes its files. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
    backends.delete();
  }

  /**
   * Enqueues, claims and settles 128 tasks, each step one SPI call.
   *
   * @return the settle flags, so that nothing is optimised away
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<Boolean> batch128() {
    return cycle(BATCH);
  }

  /**
   * Enqueues, claims and settles one task.
   *
   * @return the settle flags, so that nothing is optimised away
   */
  @Benchmark
  public List<Boolean> single() {
    return cycle(1);
  }

  private List<Boolean> cycle(int size) {
    List<NewTask> tasks = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      // Counter ids, not random UUIDs, so that the score is the store's and not the id generator's.
      tasks.add(
          NewTask.builder()
              .id(TaskId.of("t" + counter++))
              .type(TYPE)
              .queue(QUEUE)
              .payload(PAYLOAD)
              .maxAttempts(3)
              .build());
    }
    store.enqueue(tasks);
    Claim claim =
        new Claim(
            "bench-node", "c" + counter, Set.of(QUEUE), Set.of(TYPE), size, Duration.ofSeconds(30));
    List<TaskRecord> claimed = store.claim(claim);
    List<Settlement> settlements = new ArrayList<>(claimed.size());
    for (TaskRecord task : claimed) {
      settlements.add(
          new Settlement.Succeed(new Lease(task.id(), task.leaseToken()), null, Duration.ZERO));
    }
    return store.settle(settlements);
  }
}
