package org.unime.pipeline.loss;

/**
 * Numerically stable {@code log softmax(x / τ)}: the row maximum is subtracted before exponentiating, so no
 * exponent overflows and the largest term is exactly exp(0). Returning logs rather than probabilities keeps
 * log-probabilities finite even where the probability underflows to 0, which is what makes 0·log 0 = 0 fall out
 * of the loss formulas without special cases.
 */
final class LogSoftmax {

  private LogSoftmax() {}

  static double[] of(double[] x, double temperature) {
    int n = x.length;
    double[] z = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      z[j] = x[j] / temperature;
      max = Math.max(max, z[j]);
    }

    double sum = 0.0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(z[j] - max);
    }

    double logSum = Math.log(sum);
    for (int j = 0; j < n; j++) {
      z[j] = (z[j] - max) - logSum;
    }

    return z;
  }

  /** Float32 version; exp and log are evaluated in double and rounded, as a float kernel would round them. */
  static float[] of(float[] x, float temperature) {
    int n = x.length;
    float[] z = new float[n];
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      z[j] = x[j] / temperature;
      max = Math.max(max, z[j]);
    }

    float sum = 0f;
    for (int j = 0; j < n; j++) {
      sum += (float) Math.exp(z[j] - max);
    }

    float logSum = (float) Math.log(sum);
    for (int j = 0; j < n; j++) {
      z[j] = (z[j] - max) - logSum;
    }

    return z;
  }
}
