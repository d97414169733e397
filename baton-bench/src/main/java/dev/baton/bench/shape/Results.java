package dev.baton.bench.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What one contender measured in the single-task shape: a value per {@link Metric}, or none. */
final class Results {
  private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
  private final List<String> notes = new ArrayList<>();

  Results put(Metric metric, double value) {
    values.put(metric, value);
    return this;
  }

  /** Adds a remark printed under the contender's figures. */
  Results note(String note) {
    notes.add(note);
    return this;
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  /** The value, or NaN when this contender did not measure it. */
  double get(Metric metric) {
    return values.getOrDefault(metric, Double.NaN);
  }

  /** Per metric, the median of the runs that measured it: the figure repeats are reduced to. */
  static Results median(List<Results> runs) {
    Results median = new Results();
    for (Metric metric : Metric.values()) {
      List<Double> seen = new ArrayList<>();
      for (Results run : runs) {
        if (!Double.isNaN(run.get(metric))) {
          seen.add(run.get(metric));
        }
      }
      if (!seen.isEmpty()) {
        double[] sorted = seen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        median.put(
            metric, sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
      }
    }
    runs.forEach(
        run -> run.notes.stream().filter(n -> !median.notes.contains(n)).forEach(median::note));
    return median;
  }

  /** Each metric's values over the runs, for the report: {@code 4,063 / 4,120 / 3,990}. */
  static String spread(List<Results> runs, Metric metric) {
    return String.join(" / ", runs.stream().map(r -> metric.format(r.get(metric))).toList());
  }

  @Override
  public String toString() {
    return Arrays.stream(Metric.values())
        .filter(m -> values.containsKey(m))
        .map(m -> m.label + " " + m.format(get(m)) + " " + m.unit)
        .toList()
        .toString();
  }
}
