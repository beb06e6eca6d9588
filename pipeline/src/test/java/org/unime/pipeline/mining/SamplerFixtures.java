package org.unime.pipeline.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Hand-made pools for the sampler tests. */
final class SamplerFixtures {

  private SamplerFixtures() {}

  /** A pool whose candidate i is {@code c<i>} (two digits) with score {@code scores[i]}, in retrieval order. */
  static List<JudgedCandidate> pool(double... scores) {
    List<JudgedCandidate> pool = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      pool.add(new JudgedCandidate(String.format("c%02d", i), scores[i]));
    }

    return pool;
  }

  /** {@code n} scores equal to {@code value}. */
  static double[] constant(int n, double value) {
    double[] scores = new double[n];
    Arrays.fill(scores, value);
    return scores;
  }

  static List<String> ids(MinedNegatives mined) {
    return mined.negatives().stream().map(JudgedCandidate::candidateId).collect(Collectors.toList());
  }

  static List<String> names(int... indices) {
    List<String> out = new ArrayList<>();
    for (int i : indices) {
      out.add(String.format("c%02d", i));
    }

    return out;
  }
}
