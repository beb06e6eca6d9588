package org.unime.udfs.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.unime.udfs.train.AdamW;
import org.unime.udfs.train.Checkpoint;
import org.unime.udfs.train.ParameterSnapshot;

/**
 * Local SGD's aggregate: the example-weighted sum of the partitions' training states after a round (weights and both
 * AdamW moments), with per-step loss, gradient norm and extra terms for the metrics. A single partition's state
 * travels as float32; sums are float64, so the average does not depend on Spark's combination order (and with one
 * partition it is that partition's state bit for bit). {@link #merge} may modify and return {@code this}.
 */
final class StateSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private Vector weights;
  private Vector firstMoments;
  private Vector secondMoments;
  private long weight;
  private int adamStep;
  private double[] loss;
  private double[] gradientNorm;
  private final TreeMap<String, double[]> terms = new TreeMap<>();
  private int partitions;
  private final TreeMap<String, Long> computeNanos = new TreeMap<>();

  private StateSum() {}

  static StateSum zero() {
    return new StateSum();
  }

  /**
   * One partition's round.
   *
   * @param end its loop's state after the round
   * @param examples examples it trained on over the round (its weight in the average)
   * @param stepLoss its mean loss per local step
   * @param stepNorm its gradient norm per local step
   * @param stepTerms its extra loss terms per local step
   */
  static StateSum of(
      Checkpoint end, long examples, double[] stepLoss, double[] stepNorm, Map<String, double[]> stepTerms, long nanos,
      String executor) {
    StateSum s = new StateSum();
    s.weights = Vector.of(end.weights());
    s.firstMoments = Vector.of(end.optimizer().firstMoments());
    s.secondMoments = Vector.of(end.optimizer().secondMoments());
    s.weight = examples;
    s.adamStep = end.optimizer().step();
    s.loss = scaled(stepLoss, examples);
    s.gradientNorm = scaled(stepNorm, examples);
    stepTerms.forEach((k, v) -> s.terms.put(k, scaled(v, examples)));
    s.partitions = 1;
    s.computeNanos.put(executor, nanos);
    return s;
  }

  StateSum merge(StateSum other) {
    if (other.partitions == 0) {
      return this;
    }
    if (partitions == 0) {
      return other;
    }
    if (adamStep != other.adamStep) {
      throw new IllegalStateException(
          "Cannot average local SGD states: the partitions ran " + adamStep + " and " + other.adamStep + " updates");
    }
    weights.add(other.weights, weight, other.weight);
    firstMoments.add(other.firstMoments, weight, other.weight);
    secondMoments.add(other.secondMoments, weight, other.weight);
    add(loss, other.loss);
    add(gradientNorm, other.gradientNorm);
    other.terms.forEach((k, v) -> add(terms.get(k), v));
    weight += other.weight;
    partitions += other.partitions;
    other.computeNanos.forEach((k, v) -> computeNanos.merge(k, v, Long::sum));
    return this;
  }

  int partitions() {
    return partitions;
  }

  /** The averaged state as a checkpoint at step {@code step}, with {@code begin}'s data position and shapes. */
  Checkpoint average(Checkpoint begin, int step) {
    return new Checkpoint(
        step, begin.epoch(), 0, begin.epochRngState(), begin.exampleCount(), begin.configFingerprint(),
        weights.mean(begin.weights(), weight),
        new AdamW.State(
            adamStep, firstMoments.mean(begin.optimizer().firstMoments(), weight),
            secondMoments.mean(begin.optimizer().secondMoments(), weight)));
  }

  double loss(int h) {
    return loss[h] / weight;
  }

  double gradientNorm(int h) {
    return gradientNorm[h] / weight;
  }

  Map<String, Double> terms(int h) {
    Map<String, Double> out = new TreeMap<>();
    terms.forEach((k, v) -> out.put(k, v[h] / weight));
    return out;
  }

  long criticalPathNanos() {
    return computeNanos.values().stream().mapToLong(Long::longValue).max().orElse(0L);
  }

  private static double[] scaled(double[] values, long by) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * by;
    }
    return out;
  }

  private static void add(double[] into, double[] x) {
    for (int i = 0; i < into.length; i++) {
      into[i] += x[i];
    }
  }

  /** The tensors of a snapshot, flattened: float32 while single, then the float64 weighted sum. */
  private static final class Vector implements Serializable {
    private static final long serialVersionUID = 1L;
    private float[] single;
    private double[] sum;

    static Vector of(ParameterSnapshot snapshot) {
      Vector v = new Vector();
      v.single = new float[(int) snapshot.elementCount()];
      int at = 0;
      for (int i = 0; i < snapshot.size(); i++) {
        float[] x = snapshot.values(i);
        System.arraycopy(x, 0, v.single, at, x.length);
        at += x.length;
      }
      return v;
    }

    /** this·(weight) + other·(otherWeight), as a weighted sum. */
    void add(Vector other, long weight, long otherWeight) {
      if (sum == null) {
        sum = new double[single.length];
        for (int i = 0; i < single.length; i++) {
          sum[i] = (double) single[i] * weight;
        }
        single = null;
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.single != null ? (double) other.single[i] * otherWeight : other.sum[i];
      }
    }

    /** The weighted mean in {@code like}'s names and shapes. */
    ParameterSnapshot mean(ParameterSnapshot like, long totalWeight) {
      List<long[]> shapes = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      int at = 0;
      for (int i = 0; i < like.size(); i++) {
        float[] out = new float[like.values(i).length];
        for (int j = 0; j < out.length; j++) {
          out[j] = single != null ? single[at + j] : (float) (sum[at + j] / totalWeight);
        }
        shapes.add(like.shape(i));
        values.add(out);
        at += out.length;
      }
      return ParameterSnapshot.of(like.names(), shapes, values);
    }
  }
}
