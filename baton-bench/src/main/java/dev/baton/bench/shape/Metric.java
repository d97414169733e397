package dev.baton.bench.shape;

/** One cell of the single-task shape's table, with its unit and which way is better. */
enum Metric {
  ENQUEUE_1("enqueue, 1 thread", "tasks/s", true),
  ENQUEUE_N("enqueue, N threads", "tasks/s", true),
  DRAIN("drain, queued first", "tasks/s", true),
  LIVE_1("live, 1 producer", "tasks/s", true),
  LIVE_N("live, N producers", "tasks/s", true),
  IDLE_P50("idle start p50", "ms", false),
  IDLE_P99("idle start p99", "ms", false),
  IDLE_MAX("idle start max", "ms", false),
  BURST_FIRST("burst first start", "ms", false),
  BURST_P50("burst start p50", "ms", false),
  BURST_P99("burst start p99", "ms", false),
  BURST_LAST("burst last start", "ms", false),
  BURST_EARLY("burst early starts", "tasks", false);

  final String label;
  final String unit;

  /** Throughputs are better higher; latencies and counts of early starts lower. */
  final boolean higherIsBetter;

  Metric(String label, String unit, boolean higherIsBetter) {
    this.label = label;
    this.unit = unit;
    this.higherIsBetter = higherIsBetter;
  }

  String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return unit.equals("ms") ? String.format("%.2f", value) : String.format("%,.0f", value);
  }

  /**
   * How much better Baton is than the peer, as a factor above 1 when Baton is better: a
   * throughput's Baton / peer, a latency's peer / Baton. NaN when either is missing.
   */
  double advantage(double baton, double peer) {
    if (Double.isNaN(baton) || Double.isNaN(peer) || this == BURST_EARLY) {
      return Double.NaN;
    }
    return higherIsBetter ? baton / peer : peer / baton;
  }
}
