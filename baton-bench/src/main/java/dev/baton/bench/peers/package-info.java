/**
 * The JVM peers the load tool runs next to Baton on the same PostgreSQL: db-scheduler and JobRunr,
 * each through its own public API, each running the same no-op workload (N tasks queued then
 * drained; one task at a time into an idle instance). Bench-only code.
 */
package dev.baton.bench.peers;
