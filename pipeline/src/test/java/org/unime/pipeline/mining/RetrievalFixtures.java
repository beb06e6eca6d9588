package org.unime.pipeline.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random embeddings and a brute-force oracle for the retrieval tests. */
final class RetrievalFixtures {

  private RetrievalFixtures() {}

  /**
   * Vectors with components in {-1, -0.5, 0, 0.5, 1}: dot products are exact small multiples of 0.25, so exact
   * ties are common. Every fifth row copies an earlier row, so duplicate vectors occur too.
   */
  static float[][] tieProneVectors(Random random, int rows, int dim) {
    float[][] out = new float[rows][dim];
    for (int i = 0; i < rows; i++) {
      if (i > 0 && i % 5 == 0) {
        out[i] = out[random.nextInt(i)].clone();
        continue;
      }

      for (int d = 0; d < dim; d++) {
        out[i][d] = (random.nextInt(5) - 2) * 0.5f;
      }
    }

    return out;
  }

  /** Gaussian vectors: ties only through the explicit duplicates (every seventh row). */
  static float[][] gaussianVectors(Random random, int rows, int dim) {
    float[][] out = new float[rows][dim];
    for (int i = 0; i < rows; i++) {
      if (i > 0 && i % 7 == 0) {
        out[i] = out[random.nextInt(i)].clone();
        continue;
      }

      for (int d = 0; d < dim; d++) {
        out[i][d] = (float) random.nextGaussian();
      }
    }

    return out;
  }

  static List<String> ids(String prefix, int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(prefix + i);
    }

    return ids;
  }

  /** The naive dot product, summed in ascending order in float, as JavaSimilarityKernel promises to match. */
  static float dot(float[] a, float[] b) {
    float sum = 0f;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }

    return sum;
  }

  /** Brute-force top-k: score everything, filter, sort best first, cut. */
  static List<ScoredCandidate> bruteForce(
      float[] query, float[][] candidates, List<String> candidateIds, RetrievalFilter filter, int k) {
    List<ScoredCandidate> all = new ArrayList<>();
    for (int j = 0; j < candidates.length; j++) {
      float sim = dot(query, candidates[j]);
      if (filter.accepts(candidateIds.get(j), sim)) {
        all.add(new ScoredCandidate(candidateIds.get(j), sim));
      }
    }

    all.sort(ScoredCandidate.BEST_FIRST);
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}
