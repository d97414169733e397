package dev.baton.bench.peers;

/**
 * What one peer run measured.
 *
 * @param peer the peer's name, such as {@code db-scheduler}
 * @param settings how it was configured, in words
 * @param tasks tasks drained
 * @param throughput tasks drained per second, from the start of its workers to the last done
 * @param samples idle samples taken
 * @param p50Millis idle enqueue-to-start, median
 * @param p99Millis idle enqueue-to-start, 99th percentile
 * @param maxMillis idle enqueue-to-start, worst
 * @param done what counts as done for the throughput figure
 */
public record PeerRun(
    String peer,
    String settings,
    int tasks,
    double throughput,
    int samples,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    String done) {}
