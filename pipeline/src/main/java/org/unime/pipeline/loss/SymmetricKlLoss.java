package org.unime.pipeline.loss;

import java.io.Serializable;

/**
 * The UniME-V2 embedding loss (spec §5, paper Eq. 4; reference {@code DistributedSoftLabelSoftKLContrastiveLoss}):
 * the symmetric KL divergence between the model's similarity distribution and the judge's score distribution, per
 * query, averaged over the batch.
 *
 * <p>For each row b with similarities s (column 0 is the positive, then the hard negatives) and judge scores t:
 *
 * <pre>
 *   P = softmax(s / τ)    Q = softmax(t / τ)    ε = 1e-8
 *   kl1 = mean_b Σ_j Q_j (log Q_j − log(P_j + ε))      KL(Q‖P)
 *   kl2 = mean_b Σ_j P_j (log P_j − log(Q_j + ε))      KL(P‖Q)
 *   loss = (kl1 + kl2) / 2
 * </pre>
 *
 * The ε sits only inside the other side's log, as in the reference ({@code F.kl_div} on {@code log(x + 1e-8)});
 * the target side uses the exact log with 0·log 0 = 0. This is symmetric KL, not the mixture Jensen–Shannon.
 *
 * <p><b>Gradient</b> with respect to the similarities, Q held constant (it has no gradient in training). With
 * z = s/τ and per-row weight w = 1/(2B):
 *
 * <pre>
 *   ∂loss/∂P_k = w · ( −Q_k / (P_k + ε) + log P_k + 1 − log(Q_k + ε) )  =: w · (g_k + 1)
 *   ∂P_k/∂z_j  = P_k (δ_kj − P_j)
 *   ∂loss/∂s_j = (w / τ) · P_j · ( g_j − Σ_k P_k g_k )
 * </pre>
 *
 * The "+1" is dropped because it cancels exactly (Σ_k P_k = 1); log P comes from a log-softmax, so it stays finite
 * where P underflows and the gradient there is exactly 0.
 *
 * <p>Two versions: {@code double} is the reference (and the oracle for the DJL implementation); {@code float}
 * does the element math in float32 as training does (spec §5: loss math in fp32). Immutable, thread-safe and
 * serializable.
 */
public final class SymmetricKlLoss implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String NAME = "the symmetric KL loss";

  /** The ε inside log(P + ε) and log(Q + ε), as in the reference. */
  public static final double EPSILON = 1e-8;

  private final double temperature;

  private SymmetricKlLoss(double temperature) {
    this.temperature = temperature;
  }

  /** The loss at temperature τ for both distributions (UniME-V2 trains with τ = 0.02). */
  public static SymmetricKlLoss atTemperature(double temperature) {
    LossInputs.requireTemperature(NAME, temperature);
    return new SymmetricKlLoss(temperature);
  }

  public double temperature() {
    return temperature;
  }

  /**
   * Float64 reference: loss, both KL terms and ∂loss/∂similarities.
   *
   * @param similarities B × n similarities, column 0 the positive
   * @param judgeScores B × n judge scores aligned with the similarities
   */
  public SymmetricKlResult compute(double[][] similarities, double[][] judgeScores) {
    int n = LossInputs.requireBatch(NAME, "similarities", similarities);
    int m = LossInputs.requireBatch(NAME, "judge scores", judgeScores);
    LossInputs.requireSameShape(NAME, similarities.length, n, judgeScores.length, m);
    int batch = similarities.length;
    double gradScale = 0.5 / (batch * temperature);
    double kl1 = 0.0;
    double kl2 = 0.0;
    double[][] gradient = new double[batch][n];
    double[] g = new double[n];
    for (int b = 0; b < batch; b++) {
      double[] logP = LogSoftmax.of(similarities[b], temperature);
      double[] logQ = LogSoftmax.of(judgeScores[b], temperature);
      double expectedG = 0.0;
      for (int j = 0; j < n; j++) {
        double p = Math.exp(logP[j]);
        double q = Math.exp(logQ[j]);
        kl1 += xLogX(q, logQ[j]) - q * Math.log(p + EPSILON);
        kl2 += xLogX(p, logP[j]) - p * Math.log(q + EPSILON);
        g[j] = -q / (p + EPSILON) + logP[j] - Math.log(q + EPSILON);
        expectedG += p * g[j];
      }

      for (int j = 0; j < n; j++) {
        gradient[b][j] = gradScale * Math.exp(logP[j]) * (g[j] - expectedG);
      }
    }

    kl1 /= batch;
    kl2 /= batch;
    return new SymmetricKlResult(0.5 * (kl1 + kl2), kl1, kl2, gradient);
  }

  /** Float32 production version of {@link #compute(double[][], double[][])}; same formulas, float element math. */
  public SymmetricKlResult32 compute(float[][] similarities, float[][] judgeScores) {
    int n = LossInputs.requireBatch(NAME, "similarities", similarities);
    int m = LossInputs.requireBatch(NAME, "judge scores", judgeScores);
    LossInputs.requireSameShape(NAME, similarities.length, n, judgeScores.length, m);
    int batch = similarities.length;
    float tau = (float) temperature;
    float eps = (float) EPSILON;
    float gradScale = (float) (0.5 / (batch * temperature));
    // Per-row terms are float; the batch sums are double so a large batch's mean does not drift with its order.
    double kl1 = 0.0;
    double kl2 = 0.0;
    float[][] gradient = new float[batch][n];
    float[] g = new float[n];
    for (int b = 0; b < batch; b++) {
      float[] logP = LogSoftmax.of(similarities[b], tau);
      float[] logQ = LogSoftmax.of(judgeScores[b], tau);
      float rowKl1 = 0f;
      float rowKl2 = 0f;
      float expectedG = 0f;
      for (int j = 0; j < n; j++) {
        float p = (float) Math.exp(logP[j]);
        float q = (float) Math.exp(logQ[j]);
        rowKl1 += xLogX(q, logQ[j]) - q * (float) Math.log(p + eps);
        rowKl2 += xLogX(p, logP[j]) - p * (float) Math.log(q + eps);
        g[j] = -q / (p + eps) + logP[j] - (float) Math.log(q + eps);
        expectedG += p * g[j];
      }

      kl1 += rowKl1;
      kl2 += rowKl2;
      for (int j = 0; j < n; j++) {
        gradient[b][j] = gradScale * (float) Math.exp(logP[j]) * (g[j] - expectedG);
      }
    }

    float meanKl1 = (float) (kl1 / batch);
    float meanKl2 = (float) (kl2 / batch);
    return new SymmetricKlResult32(0.5f * (meanKl1 + meanKl2), meanKl1, meanKl2, gradient);
  }

  /** x·log x given log x, with 0·log 0 = 0 (as {@code torch.xlogy} in {@code F.kl_div}). */
  private static double xLogX(double x, double logX) {
    return x == 0.0 ? 0.0 : x * logX;
  }

  private static float xLogX(float x, float logX) {
    return x == 0f ? 0f : x * logX;
  }
}
