package dev.baton.bench.shape;

import java.io.PrintWriter;

/** A system measured in the single-task shape: Baton on a backend, or that backend's peer. */
interface Contender {
  /** The name in the table, such as {@code Baton} or {@code BullMQ 5.58.0}. */
  String name();

  /** How it was set up, in one line: version, workers, pool, polling, durability choices. */
  String settings();

  /**
   * Runs the whole shape once.
   *
   * @param options what to run
   * @param progress where to say which phase runs (standard error)
   * @return what it measured
   * @throws Exception when the system fails or a wait times out
   */
  Results measure(ShapeOptions options, PrintWriter progress) throws Exception;
}
