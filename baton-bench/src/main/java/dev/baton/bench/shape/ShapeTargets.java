package dev.baton.bench.shape;

/**
 * The single-task shape's numbers to reach (DESIGN.md): every throughput at least 1.5 times the
 * peer's on the same server, every idle p99 no higher than the peer's, and per backend a few
 * absolute floors and ceilings.
 */
final class ShapeTargets {
  static final double PEER_FACTOR = 1.5;

  /** A row's target in words and whether the measured figures meet it. */
  record Verdict(String target, String verdict) {
    static final Verdict NONE = new Verdict("", "");
  }

  private ShapeTargets() {}

  static Verdict judge(String scheme, Metric metric, double baton, double peer) {
    Verdict absolute = absolute(scheme, metric, baton, peer);
    if (absolute != null) {
      return absolute;
    }
    if (Double.isNaN(peer) || Double.isNaN(baton)) {
      return Verdict.NONE;
    }
    if (metric.unit.equals("tasks/s")) {
      return verdict(String.format(">= %.1f x peer", PEER_FACTOR), baton >= PEER_FACTOR * peer);
    }
    if (metric == Metric.IDLE_P99) {
      return verdict("<= peer", baton <= peer);
    }
    return Verdict.NONE;
  }

  private static Verdict absolute(String scheme, Metric metric, double baton, double peer) {
    boolean redis = scheme.startsWith("redis");
    boolean rabbit = scheme.startsWith("amqp");
    return switch (metric) {
      case ENQUEUE_1 ->
          redis
              ? floor(">= 17,000/s and 1.5 x peer", baton, 17_000, peer)
              : rabbit
                  ? floor(">= 5,000/s and 1.5 x peer", baton, 5_000, peer)
                  : scheme.equals("sqlite:")
                      ? floor(">= 20,000/s", baton, 20_000, Double.NaN)
                      : null;
      case LIVE_1 ->
          redis
              ? floor(">= 7,500/s and 1.5 x peer", baton, 7_500, peer)
              : rabbit
                  ? floor(">= 3,000/s and 1.5 x peer", baton, 3_000, peer)
                  : scheme.equals("sqlite:")
                      ? floor(">= 10,000/s", baton, 10_000, Double.NaN)
                      : scheme.equals("jdbc:postgresql:")
                          ? ratio(">= 2 x peer", baton, peer, 2)
                          : scheme.equals("memory:")
                              ? ratio(">= 2.5 x peer", baton, peer, 2.5)
                              : null;
      case LIVE_N ->
          scheme.equals("jdbc:postgresql:")
              ? floor(">= 10,000/s and 1.5 x peer", baton, 10_000, peer)
              : null;
      case IDLE_P99 ->
          scheme.equals("memory:")
              ? ceiling("<= 1 ms and <= peer", baton, 1, peer)
              : scheme.equals("sqlite:") ? ceiling("< 3 ms", baton, 3, Double.NaN) : null;
      case BURST_FIRST ->
          scheme.equals("memory:") ? ceiling("<= 3 ms", baton, 3, Double.NaN) : null;
      default -> null;
    };
  }

  private static Verdict floor(String target, double baton, double floor, double peer) {
    boolean met = baton >= floor && (Double.isNaN(peer) || baton >= PEER_FACTOR * peer);
    return verdict(target, met);
  }

  private static Verdict ceiling(String target, double baton, double ceiling, double peer) {
    boolean met = baton <= ceiling && (Double.isNaN(peer) || baton <= peer);
    return verdict(target, met);
  }

  private static Verdict ratio(String target, double baton, double peer, double factor) {
    return Double.isNaN(peer) ? Verdict.NONE : verdict(target, baton >= factor * peer);
  }

  private static Verdict verdict(String target, boolean met) {
    return new Verdict(target, met ? "met" : "MISSED");
  }
}
