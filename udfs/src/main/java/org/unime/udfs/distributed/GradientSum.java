package org.unime.udfs.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unime.udfs.train.BatchGradients;

/**
 * The running sum of shards' gradients (each already normalised by the global batch size, so the sum is the global
 * batch's gradient), their loss shares and extra terms, and where the compute time went: the value
 * {@code treeAggregate} carries.
 *
 * <p>A single shard travels as the float32 gradient the engine produced (4 bytes per parameter); sums are kept in
 * float64. Float64 sums of a few float32 partials are exact in practice, so the result does not depend on the order
 * Spark combines partials in (which follows task completion) and a resumed run reproduces an uninterrupted one bit
 * for bit. {@link #merge} may modify and return {@code this}, as Spark's aggregate contract allows; the zero value is
 * copied per partition by Spark.
 */
final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private List<String> names;
  private int[] lengths;
  private float[] single;
  private double[] sum;
  private double loss;
  private final TreeMap<String, Double> terms = new TreeMap<>();
  private int examples;
  private int shards;
  private final TreeMap<String, Long> computeNanos = new TreeMap<>();

  private GradientSum() {}

  /** The neutral element: no shard yet. */
  static GradientSum zero() {
    return new GradientSum();
  }

  /**
   * One shard's contribution.
   *
   * @param gradients the shard's gradients of its loss share (names and arrays in parameter order)
   * @param terms the shard's shares of the extra terms
   * @param examples examples in the shard
   * @param nanos time the shard's forward and backward took
   * @param executor the executor that computed it (compute time is summed per executor)
   */
  static GradientSum of(BatchGradients gradients, Map<String, Double> terms, int examples, long nanos, String executor) {
    GradientSum s = new GradientSum();
    s.names = new ArrayList<>(gradients.names());
    s.lengths = gradients.gradients().stream().mapToInt(a -> a.length).toArray();
    s.single = new float[Arrays.stream(s.lengths).sum()];
    int at = 0;
    for (float[] g : gradients.gradients()) {
      System.arraycopy(g, 0, s.single, at, g.length);
      at += g.length;
    }
    s.loss = gradients.loss();
    s.terms.putAll(terms);
    s.examples = examples;
    s.shards = 1;
    s.computeNanos.put(executor, nanos);
    return s;
  }

  /** This plus {@code other}. */
  GradientSum merge(GradientSum other) {
    if (other.shards == 0) {
      return this;
    }
    if (shards == 0) {
      return other;
    }
    if (!names.equals(other.names)) {
      throw new IllegalStateException(
          "Cannot sum gradients of different models: " + names + " vs " + other.names
              + "; every replica must be built from the same recipe");
    }
    if (sum == null) {
      sum = toDoubles(single);
      single = null;
    }
    if (other.single != null) {
      float[] x = other.single;
      for (int i = 0; i < x.length; i++) {
        sum[i] += x[i];
      }
    } else {
      double[] x = other.sum;
      for (int i = 0; i < x.length; i++) {
        sum[i] += x[i];
      }
    }
    loss += other.loss;
    other.terms.forEach((k, v) -> terms.merge(k, v, Double::sum));
    examples += other.examples;
    shards += other.shards;
    other.computeNanos.forEach((k, v) -> computeNanos.merge(k, v, Long::sum));
    return this;
  }

  int shards() {
    return shards;
  }

  int examples() {
    return examples;
  }

  double loss() {
    return loss;
  }

  Map<String, Double> terms() {
    return terms;
  }

  /** Longest per-executor compute time: the critical path of the shards (each executor runs its shards in turn). */
  long criticalPathNanos() {
    return computeNanos.values().stream().mapToLong(Long::longValue).max().orElse(0L);
  }

  /** Total compute time over all shards. */
  long totalComputeNanos() {
    return computeNanos.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The summed gradient in float32, split back per parameter, with {@code loss} and {@code batchSize} attached. */
  BatchGradients toBatchGradients(double batchLoss, int batchSize) {
    if (shards == 0) {
      throw new IllegalStateException("Cannot build gradients: no shard reported any");
    }
    List<float[]> arrays = new ArrayList<>(lengths.length);
    int at = 0;
    for (int length : lengths) {
      float[] a = new float[length];
      for (int i = 0; i < length; i++) {
        a[i] = single != null ? single[at + i] : (float) sum[at + i];
      }
      arrays.add(a);
      at += length;
    }
    return new BatchGradients(names, arrays, batchLoss, batchSize);
  }

  private static double[] toDoubles(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }
}
