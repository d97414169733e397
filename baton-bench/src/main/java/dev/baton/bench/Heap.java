package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.TaskStatus;
import dev.baton.spi.QueueCount;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;

/**
 * The heap check: N no-op tasks (1,000,000 by default) are enqueued into a memory store with no
 * worker running; after a full GC the tool reports the used heap, so the design's "1,000,000 queued
 * tasks fit in under 1 GiB of heap" is measured, not guessed.
 */
final class Heap {
  private static final double MIB = 1024.0 * 1024.0;

  private Heap() {}

  static Report run(BenchOptions options) {
    if (!options.scheme().equals("memory:")) {
      throw new IllegalArgumentException(
          "the heap workload measures the memory backend; run it with --backend memory:");
    }
    int count = options.tasks();
    long before = usedAfterGc();
    try (Rig rig = new Rig(options, "heap", 0)) {
      Baton producer = rig.producer();
      long start = System.nanoTime();
      rig.enqueue(producer, 0, count);
      double seconds = (System.nanoTime() - start) / 1e9;
      long queued =
          producer.counts().stream()
              .filter(c -> c.status() == TaskStatus.QUEUED && c.queue().equals(rig.type().queue()))
              .mapToLong(QueueCount::count)
              .sum();
      long after = usedAfterGc();
      // The store must still be reachable here, or the collector may take the tasks it measures.
      Reference.reachabilityFence(producer);
      double usedMib = after / MIB;
      double perTask = (after - before) / (double) count;
      double limitMib = Targets.HEAP_MIB_PER_MILLION * count / 1_000_000.0;
      Report report =
          new Report("heap", options)
              .figure("queued tasks", queued, "tasks")
              .figure("enqueue rate", count / seconds, "tasks/s")
              .figure("heap used before", before / MIB, "MiB")
              .figure("heap used after", usedMib, "MiB")
              .figure("per task", perTask, "B")
              .headline(
                  String.format(
                      "%,d queued: %,.0f MiB heap used after GC (%,.0f B per task)",
                      queued, usedMib, perTask));
      report.target(
          String.format("%,d queued tasks in < %,.0f MiB of heap", count, limitMib),
          usedMib < limitMib && queued == count);
      report.note(
          "used heap after System.gc(), whole JVM; prove the limit with BATON_JAVA_OPTS=-Xmx1g");
      return report;
    }
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
