package org.unime.pipeline.eval;

/**
 * Cosine similarity of float vectors, accumulated in double. The reference normalises features and takes dot
 * products in float32; accumulating in double can only break near-ties differently, never change a clear ranking.
 *
 * <p>Vectors must be non-empty, finite, non-zero and of one dimension per call; anything else is a bug upstream
 * (a failed embedding), so it fails here with the vector's index instead of producing a NaN score.
 */
public final class Cosine {
  private Cosine() {}

  /** Cosine of two vectors of equal dimension. */
  public static double of(float[] a, float[] b) {
    checkDimension(a.length, b.length, "vector b");
    return dot(a, b) * inverseNorm(a, "vector a") * inverseNorm(b, "vector b");
  }

  /** Cosine of the query with each candidate, in candidate order. */
  public static double[] scores(float[] query, float[][] candidates) {
    if (candidates.length == 0) {
      throw new IllegalArgumentException("Cannot score candidates: there are none (got 0 candidates)");
    }
    double queryInverse = inverseNorm(query, "query");
    double[] out = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      checkDimension(query.length, candidates[i].length, "candidate " + i);
      out[i] = dot(query, candidates[i]) * queryInverse * inverseNorm(candidates[i], "candidate " + i);
    }
    return out;
  }

  /** 1/‖v‖ for each vector, so that a score matrix never needs a normalised copy of its inputs. */
  static double[] inverseNorms(float[][] vectors, String what) {
    if (vectors.length == 0) {
      throw new IllegalArgumentException("Cannot score " + what + ": there are none (got 0 vectors)");
    }
    double[] out = new double[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      checkDimension(vectors[0].length, vectors[i].length, what + " " + i);
      out[i] = inverseNorm(vectors[i], what + " " + i);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0.0;
    for (int d = 0; d < a.length; d++) {
      s += (double) a[d] * b[d];
    }
    return s;
  }

  static void checkDimension(int expected, int actual, String what) {
    if (expected != actual) {
      throw new IllegalArgumentException(
          "Cannot compute cosine: " + what + " has dimension " + actual + ", expected " + expected + " (got "
              + actual + ")");
    }
  }

  private static double inverseNorm(float[] v, String what) {
    double sum = dot(v, v);
    if (!(sum > 0.0) || Double.isInfinite(sum)) {
      throw new IllegalArgumentException(
          "Cannot compute cosine: " + what + " has no finite non-zero norm (got squared norm " + sum + ", dimension "
              + v.length + ")");
    }
    return 1.0 / Math.sqrt(sum);
  }
}
