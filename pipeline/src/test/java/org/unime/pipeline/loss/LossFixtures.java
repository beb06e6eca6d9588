package org.unime.pipeline.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Random batches, an independent naive loss, finite differences and comparison helpers for the loss tests. */
final class LossFixtures {

  private LossFixtures() {}

  /** B × n values uniform in [lo, hi). */
  static double[][] uniform(Random random, int rows, int cols, double lo, double hi) {
    double[][] out = new double[rows][cols];
    for (int b = 0; b < rows; b++) {
      for (int j = 0; j < cols; j++) {
        out[b][j] = lo + (hi - lo) * random.nextDouble();
      }
    }

    return out;
  }

  static float[][] toFloat(double[][] x) {
    float[][] out = new float[x.length][];
    for (int b = 0; b < x.length; b++) {
      out[b] = new float[x[b].length];
      for (int j = 0; j < x[b].length; j++) {
        out[b][j] = (float) x[b][j];
      }
    }

    return out;
  }

  /** softmax(x / τ) the textbook way, no max subtraction: only for moderate inputs. */
  static double[] naiveSoftmax(double[] x, double tau) {
    double[] e = new double[x.length];
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      e[j] = Math.exp(x[j] / tau);
      sum += e[j];
    }

    for (int j = 0; j < x.length; j++) {
      e[j] /= sum;
    }

    return e;
  }

  /** The spec §5 formulas written out directly, for moderate inputs. Returns {loss, kl1, kl2}. */
  static double[] naiveSymmetricKl(double[][] sims, double[][] scores, double tau) {
    double kl1 = 0;
    double kl2 = 0;
    for (int b = 0; b < sims.length; b++) {
      double[] p = naiveSoftmax(sims[b], tau);
      double[] q = naiveSoftmax(scores[b], tau);
      for (int j = 0; j < p.length; j++) {
        kl1 += q[j] * (Math.log(q[j]) - Math.log(p[j] + 1e-8));
        kl2 += p[j] * (Math.log(p[j]) - Math.log(q[j] + 1e-8));
      }
    }

    kl1 /= sims.length;
    kl2 /= sims.length;
    return new double[] {0.5 * (kl1 + kl2), kl1, kl2};
  }

  /** Central finite differences of {@code loss} with respect to every entry of {@code x} (restored afterwards). */
  static double[][] finiteDifferences(double[][] x, double h, ToDoubleFunction<double[][]> loss) {
    double[][] grad = new double[x.length][x[0].length];
    for (int b = 0; b < x.length; b++) {
      for (int j = 0; j < x[b].length; j++) {
        double saved = x[b][j];
        x[b][j] = saved + h;
        double up = loss.applyAsDouble(x);
        x[b][j] = saved - h;
        double down = loss.applyAsDouble(x);
        x[b][j] = saved;
        grad[b][j] = (up - down) / (2 * h);
      }
    }

    return grad;
  }

  /**
   * Entry-wise |actual − expected| ≤ rel · max(|expected|, floor · max|expected|): relative where an entry is of
   * the gradient's own scale, absolute for entries many orders smaller (where finite differences are all noise).
   */
  static void assertClose(double[][] actual, double[][] expected, double rel, double floor) {
    double scale = 0;
    for (double[] row : expected) {
      for (double v : row) {
        scale = Math.max(scale, Math.abs(v));
      }
    }

    for (int b = 0; b < expected.length; b++) {
      for (int j = 0; j < expected[b].length; j++) {
        double tolerance = rel * Math.max(Math.abs(expected[b][j]), floor * scale);
        assertThat(actual[b][j]).as("entry [%d][%d]", b, j).isCloseTo(expected[b][j], within(tolerance));
      }
    }
  }

  static double[][] toDouble(float[][] x) {
    double[][] out = new double[x.length][];
    for (int b = 0; b < x.length; b++) {
      out[b] = new double[x[b].length];
      for (int j = 0; j < x[b].length; j++) {
        out[b][j] = x[b][j];
      }
    }

    return out;
  }

  static void assertAllFinite(double[][] x) {
    for (double[] row : x) {
      for (double v : row) {
        assertThat(Double.isFinite(v)).as("finite: %s", v).isTrue();
      }
    }
  }
}
