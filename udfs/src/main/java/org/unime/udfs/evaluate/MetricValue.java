package org.unime.udfs.evaluate;

import java.io.Serializable;
import java.util.Objects;

/**
 * One measured number: a metric of one task (or of a group of tasks) in one suite. Values are fractions in [0, 1]
 * (the paper prints percentages), except {@code rerank-gain}, which may be negative.
 *
 * @param suite which evaluation, one of the names in {@link Suites}
 * @param task task, set or group, e.g. {@code i2t/emoji/eval-unseen-concept}, {@code meta/Retrieval},
 *     {@code overall}
 * @param metric e.g. {@code p@1}, {@code t2i-r@5}, {@code accuracy}
 * @param value the number
 * @param queries rows, queries or items it counts (for a group: summed over its tasks)
 */
public record MetricValue(String suite, String task, String metric, double value, long queries)
    implements Serializable {

  public MetricValue {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(metric, "metric");
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException(
          "Cannot record metric " + suite + "/" + task + "/" + metric + ": the value is NaN (got NaN)");
    }
  }

  /** {@code suite/task/metric}: the key a report looks values up by. */
  public String key() {
    return key(suite, task, metric);
  }

  public static String key(String suite, String task, String metric) {
    return suite + "/" + task + "/" + metric;
  }
}
