package dev.baton.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one workload measured: named figures, a one-line headline for the summary table, the target
 * it is held to and whether it met it, all tied to the backend, durability mode and worker count it
 * ran with.
 */
public final class Report {
  /**
   * One measured figure.
   *
   * @param name what it is, such as {@code throughput} or {@code start p99}
   * @param value the number
   * @param unit {@code tasks/s}, {@code ms}, {@code s}, {@code MiB}, {@code B} or {@code tasks}
   */
  public record Figure(String name, double value, String unit) {
    /**
     * The value with its unit, formatted for reading.
     *
     * @return e.g. {@code 512,300 tasks/s} or {@code 0.112 ms}
     */
    public String formatted() {
      return switch (unit) {
        case "ms" -> String.format("%.3f ms", value);
        case "s" -> String.format("%.2f s", value);
        case "MiB" -> String.format("%,.1f MiB", value);
        default -> String.format("%,.0f %s", value, unit);
      };
    }
  }

  private final String workload;
  private final BenchOptions options;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String headline = "";
  private String target = "";
  private Boolean met;

  /**
   * Starts an empty report.
   *
   * @param workload the workload's name
   * @param options the run's options (backend, workers, ...)
   */
  public Report(String workload, BenchOptions options) {
    this.workload = workload;
    this.options = options;
  }

  /**
   * Adds a figure.
   *
   * @param name what it is
   * @param value the number
   * @param unit its unit
   * @return this report
   */
  public Report figure(String name, double value, String unit) {
    figures.add(new Figure(name, value, unit));
    return this;
  }

  /**
   * Adds a latency summary as {@code <prefix> p50}, {@code p99} and {@code max}, in milliseconds.
   *
   * @param prefix e.g. {@code start} or {@code late}
   * @param summary the samples
   * @return this report
   */
  public Report latency(String prefix, Latencies.Summary summary) {
    figure(prefix + " p50", summary.percentile(50) / 1e6, "ms");
    figure(prefix + " p99", summary.percentile(99) / 1e6, "ms");
    figure(prefix + " max", summary.max() / 1e6, "ms");
    return this;
  }

  /**
   * Adds a remark printed under the figures.
   *
   * @param note the remark
   * @return this report
   */
  public Report note(String note) {
    notes.add(note);
    return this;
  }

  /**
   * Sets the one-line summary for the table of {@code --workload all}.
   *
   * @param headline the line
   * @return this report
   */
  public Report headline(String headline) {
    this.headline = headline;
    return this;
  }

  /**
   * Sets the target from DESIGN.md this workload is held to.
   *
   * @param target the target in words
   * @param met whether it was met, or null when there is no verdict
   * @return this report
   */
  public Report target(String target, Boolean met) {
    this.target = target;
    this.met = met;
    return this;
  }

  /**
   * The workload's name.
   *
   * @return the name
   */
  public String workload() {
    return workload;
  }

  /**
   * The figures, in the order measured.
   *
   * @return the figures
   */
  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  /**
   * One figure by name.
   *
   * @param name the figure's name
   * @return the figure, if measured
   */
  public Optional<Figure> figure(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The headline.
   *
   * @return the one-line summary
   */
  public String headline() {
    return headline;
  }

  /**
   * The verdict against the target.
   *
   * @return "met", "MISSED" or "-" when there is none
   */
  public String verdict() {
    return met == null ? "-" : met ? "met" : "MISSED";
  }

  /**
   * The target in words.
   *
   * @return the target, or empty
   */
  public String target() {
    return target;
  }

  /**
   * The context every figure is tied to.
   *
   * @return backend scheme, durability mode, workers, claim batch, JDK, cores and load average
   */
  public String context() {
    return String.format(
        "backend %s  durability %s  workers %d  claim batch %d  JDK %d  %d cores  load %.2f",
        options.scheme(),
        options.durability(),
        options.workers(),
        options.claimBatch(),
        Runtime.version().feature(),
        Environment.cores(),
        Environment.loadAverage());
  }

  /**
   * Prints the report as a block.
   *
   * @param out where to print
   */
  public void print(PrintWriter out) {
    out.printf("== %s  [%s]%n", workload, context());
    int width = figures.stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (Figure f : figures) {
      out.printf("   %-" + width + "s  %s%n", f.name(), f.formatted());
    }
    if (!target.isEmpty()) {
      out.printf("   target: %s -> %s%n", target, verdict());
    }
    for (String note : notes) {
      out.printf("   note: %s%n", note);
    }
    out.flush();
  }
}
