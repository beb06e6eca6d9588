package org.unime.pipeline.loss;

import java.io.Serializable;

/**
 * InfoNCE over each query's own candidate list: softmax cross-entropy of {@code similarities / τ} against a
 * one-hot target at column 0 (the positive; the other columns are its hard negatives). This is the "hard negatives
 * only" baseline of the ablations; with a one-hot judge distribution the kl1 term of {@link SymmetricKlLoss}
 * reduces to it (up to that loss's ε).
 *
 * <pre>
 *   loss = mean_b ( logsumexp(s_b / τ) − s_b0 / τ )
 *   ∂loss/∂s_bj = ( softmax(s_b / τ)_j − [j = 0] ) / (B τ)
 * </pre>
 *
 * <p>Log-sum-exp subtracts the row maximum, so extreme similarities cannot overflow. Float64 reference and float32
 * production versions. Immutable, thread-safe and serializable.
 */
public final class InfoNce implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String NAME = "the InfoNCE loss";

  private final double temperature;

  private InfoNce(double temperature) {
    this.temperature = temperature;
  }

  /** The loss at temperature τ. */
  public static InfoNce atTemperature(double temperature) {
    LossInputs.requireTemperature(NAME, temperature);
    return new InfoNce(temperature);
  }

  public double temperature() {
    return temperature;
  }

  /** Float64 reference. {@code similarities} is B × n with the positive in column 0. */
  public InfoNceResult compute(double[][] similarities) {
    int n = LossInputs.requireBatch(NAME, "similarities", similarities);
    int batch = similarities.length;
    double gradScale = 1.0 / (batch * temperature);
    double loss = 0.0;
    double[][] gradient = new double[batch][n];
    for (int b = 0; b < batch; b++) {
      double[] logP = LogSoftmax.of(similarities[b], temperature);
      loss -= logP[0];
      for (int j = 0; j < n; j++) {
        gradient[b][j] = gradScale * (Math.exp(logP[j]) - (j == 0 ? 1.0 : 0.0));
      }
    }

    return new InfoNceResult(loss / batch, gradient);
  }

  /** Float32 production version of {@link #compute(double[][])}. */
  public InfoNceResult32 compute(float[][] similarities) {
    int n = LossInputs.requireBatch(NAME, "similarities", similarities);
    int batch = similarities.length;
    float gradScale = (float) (1.0 / (batch * temperature));
    double loss = 0.0; // double batch sum, as in SymmetricKlLoss
    float[][] gradient = new float[batch][n];
    for (int b = 0; b < batch; b++) {
      float[] logP = LogSoftmax.of(similarities[b], (float) temperature);
      loss -= logP[0];
      for (int j = 0; j < n; j++) {
        gradient[b][j] = gradScale * ((float) Math.exp(logP[j]) - (j == 0 ? 1f : 0f));
      }
    }

    return new InfoNceResult32((float) (loss / batch), gradient);
  }
}
