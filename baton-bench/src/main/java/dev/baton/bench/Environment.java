package dev.baton.bench;

/** The machine and runtime a figure was measured on. */
public final class Environment {
  private Environment() {}

  /**
   * The JDK: feature version, full version and vendor.
   *
   * @return e.g. {@code JDK 25 (25.0.1+8-LTS, Eclipse Adoptium)}
   */
  public static String jdk() {
    return "JDK "
        + Runtime.version().feature()
        + " ("
        + Runtime.version()
        + ", "
        + System.getProperty("java.vendor")
        + ")";
  }

  /**
   * Cores the JVM may use.
   *
   * @return the processor count
   */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The operating system and architecture.
   *
   * @return e.g. {@code Linux 6.1 amd64}
   */
  public static String os() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  /**
   * The heap limit and garbage collector, which move throughput figures.
   *
   * @return e.g. {@code max heap 6,000 MiB, G1}
   */
  public static String heap() {
    long max = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    StringBuilder gcs = new StringBuilder();
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.append(gcs.isEmpty() ? "" : "/").append(gc.getName());
    }
    return String.format("max heap %,d MiB, GC %s", max, gcs);
  }

  /**
   * The options the JVM was started with, so that a figure can be reproduced.
   *
   * @return the options separated by spaces, or {@code (none)}
   */
  public static String jvmOptions() {
    var args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    return args.isEmpty() ? "(none)" : String.join(" ", args);
  }

  /**
   * The system load average over the last minute: on a shared machine, other processes take cores
   * from the benchmark, and figures must be read with this next to them.
   *
   * @return the load average, or a negative number where the platform has none
   */
  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
