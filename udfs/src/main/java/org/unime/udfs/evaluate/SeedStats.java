package org.unime.udfs.evaluate;

import java.util.List;
import java.util.Locale;

/**
 * Mean and sample standard deviation (n − 1 in the denominator; 0 for a single value) of one metric over the seeds
 * of an ablation row.
 *
 * @param n values
 * @param mean their mean
 * @param std their sample standard deviation
 */
record SeedStats(int n, double mean, double std) {

  static SeedStats of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("Cannot average over seeds: there are no values (got [])");
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new SeedStats(values.size(), mean, values.size() < 2 ? 0.0 : Math.sqrt(squares / (values.size() - 1)));
  }

  /** {@code mean ± std} in percent with one decimal, as the paper prints. */
  String percent() {
    return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * std);
  }
}
