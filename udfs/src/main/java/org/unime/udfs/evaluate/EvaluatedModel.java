package org.unime.udfs.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model's evaluation: which model (the reference it was asked for, its id and content version) and every
 * number measured.
 *
 * @param ref the model as asked for
 * @param modelId the artifact's model id
 * @param version the artifact's content version (the results table's key)
 * @param metrics every value, in the order measured
 * @param seconds wall time of the evaluation (embedding and scoring)
 */
public record EvaluatedModel(ModelRef ref, String modelId, String version, List<MetricValue> metrics, double seconds) {

  public EvaluatedModel {
    Objects.requireNonNull(ref, "ref");
    metrics = List.copyOf(metrics);
  }

  /** {@link MetricValue#key()} → value. */
  public Map<String, Double> values() {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach(m -> out.put(m.key(), m.value()));
    return out;
  }

  /** The value of {@code suite/task/metric}, or null when it was not measured. */
  public Double value(String suite, String task, String metric) {
    for (MetricValue m : metrics) {
      if (m.suite().equals(suite) && m.task().equals(task) && m.metric().equals(metric)) {
        return m.value();
      }
    }
    return null;
  }
}
