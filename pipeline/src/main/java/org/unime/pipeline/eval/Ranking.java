package org.unime.pipeline.eval;

import java.util.stream.IntStream;

/**
 * The one ordering every metric here uses: score descending, then index ascending. For k = 1 that is numpy's
 * {@code argmax} (first maximum wins), the reference MMEB script's rule, so a tie with index 0 counts for index 0.
 * NaN scores are rejected: numpy would rank a NaN first, which silently turns a broken embedding into a hit.
 */
public final class Ranking {
  private Ranking() {}

  /** Index of the highest score; the lowest such index on a tie. */
  public static int argmax(double[] scores) {
    requireScores(scores);
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * 0-based position of {@code index} in the ordering: how many items have a higher score, plus how many with an
   * equal score come before it. The item is in the top k iff its rank is below k.
   */
  public static int rank(double[] scores, int index) {
    requireScores(scores);
    if (index < 0 || index >= scores.length) {
      throw new IllegalArgumentException(
          "Cannot rank item: index is outside the " + scores.length + " scores (got " + index + ")");
    }
    double s = scores[index];
    int rank = 0;
    for (int j = 0; j < scores.length; j++) {
      if (scores[j] > s || (scores[j] == s && j < index)) {
        rank++;
      }
    }
    return rank;
  }

  /** The first {@code k} indices in the ordering (all of them when k ≥ the number of scores). */
  public static int[] topK(double[] scores, int k) {
    requireScores(scores);
    if (k < 1) {
      throw new IllegalArgumentException("Cannot take the top k: k must be at least 1 (got " + k + ")");
    }
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted((a, b) -> before(scores, a, b))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** The ordering as a comparator; {@code >} and {@code ==} (not Double.compare) so that -0.0 ties 0.0 as in rank. */
  private static int before(double[] scores, int a, int b) {
    if (scores[a] > scores[b]) {
      return -1;
    }
    if (scores[a] < scores[b]) {
      return 1;
    }
    return Integer.compare(a, b);
  }

  static void requireScores(double[] scores) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("Cannot rank candidates: there are none (got 0 scores)");
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("Cannot rank candidates: score " + i + " is NaN (got NaN)");
      }
    }
  }
}
