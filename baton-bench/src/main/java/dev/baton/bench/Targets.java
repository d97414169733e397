package dev.baton.bench;

/**
 * The numbers DESIGN.md asks for ("Numbers to reach"), by backend scheme, so that every report can
 * say whether it met them. NaN means the design sets no number for that backend.
 */
final class Targets {
  private Targets() {}

  /** Lateness p99 of a lone delayed task, every backend. */
  static final double DELAYED_P99_MS = 10;

  /** Last start after the due instant of a 10,000-task burst, memory only. */
  static final double BURST_MEMORY_MS = 100;

  /** Elsewhere, a burst's last start may be this much later than its drain time. */
  static final double BURST_SLACK_MS = 50;

  /** Heap for 1,000,000 queued tasks on memory. */
  static final double HEAP_MIB_PER_MILLION = 1024;

  static double throughput(String scheme) {
    return switch (scheme) {
      case "memory:" -> 1_000_000;
      case "sqlite:" -> 30_000;
      case "jdbc:postgresql:" -> 20_000;
      case "redis:", "rediss:", "redis-sentinel:", "redis-cluster:" -> 50_000;
      case "amqp:", "amqps:" -> 20_000;
      default -> Double.NaN;
    };
  }

  static double idleP99Millis(String scheme) {
    return switch (scheme) {
      case "memory:" -> 1;
      case "sqlite:", "jdbc:postgresql:" -> 10;
      case "redis:", "rediss:", "redis-sentinel:", "redis-cluster:", "amqp:", "amqps:" -> 5;
      default -> Double.NaN;
    };
  }

  /** Sets a "at least" target on a report, with a verdict when the design names a number. */
  static void atLeast(Report report, String what, double measured, double target, String unit) {
    if (Double.isNaN(target)) {
      report.target(what + ": no target for this backend", null);
    } else {
      report.target(String.format("%s >= %,.0f %s", what, target, unit), measured >= target);
    }
  }

  /** Sets a "below" target on a report, with a verdict when the design names a number. */
  static void below(Report report, String what, double measured, double target, String unit) {
    if (Double.isNaN(target)) {
      report.target(what + ": no target for this backend", null);
    } else {
      report.target(String.format("%s < %,.0f %s", what, target, unit), measured < target);
    }
  }
}
