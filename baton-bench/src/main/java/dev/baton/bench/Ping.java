package dev.baton.bench;

/**
 * The payload of every benchmark task: a no-op whose handler only notes when it started.
 *
 * @param n the task's number in its workload, its slot in {@link Latencies}
 * @param stamp the {@link System#nanoTime()} the start is measured against: just before the
 *     enqueue, or the due time for delayed and burst tasks
 */
public record Ping(int n, long stamp) {}
