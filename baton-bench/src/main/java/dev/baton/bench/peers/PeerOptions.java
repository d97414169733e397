package dev.baton.bench.peers;

import java.time.Duration;

/**
 * What a peer run is asked to do.
 *
 * @param jdbcUrl the PostgreSQL JDBC URL, login included, without Baton's own {@code baton.}
 *     options
 * @param workers tasks a peer runs at once (its worker or thread count)
 * @param poolSize the peer's connection pool size
 * @param tasks tasks queued and drained for the throughput figure
 * @param warmup tasks drained first and left out of the figures
 * @param samples idle enqueue-to-start samples
 * @param timeout the longest any one wait may take
 */
public record PeerOptions(
    String jdbcUrl,
    int workers,
    int poolSize,
    int tasks,
    int warmup,
    int samples,
    Duration timeout) {}
