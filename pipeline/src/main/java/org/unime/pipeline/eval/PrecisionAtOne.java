package org.unime.pipeline.eval;

/**
 * MMEB Precision@1 (spec §7): each row scores one query against its candidate list, whose ground truth is at index
 * 0; the row is correct iff the argmax of the cosine scores is 0. A task's accuracy is correct rows / rows.
 *
 * <p><b>Ties</b> follow numpy's {@code argmax}, as the reference script does: the first maximum wins, so a candidate
 * that ties the ground truth does not make the row wrong (index 0 comes first). NaN scores are rejected.
 */
public final class PrecisionAtOne {
  private PrecisionAtOne() {}

  /** Whether the ground truth (index 0) wins: no candidate scores strictly higher. */
  public static boolean isHit(double[] candidateScores) {
    return Ranking.argmax(candidateScores) == 0;
  }

  /** {@link #isHit} on the cosine of the query with each candidate (ground truth first). */
  public static boolean isHit(float[] query, float[][] candidates) {
    return isHit(Cosine.scores(query, candidates));
  }

  /** A task's P@1 over rows of candidate scores (ground truth first in each). */
  public static TaskAccuracy score(String task, Iterable<double[]> rows) {
    TaskAccuracy.Tally tally = new TaskAccuracy.Tally(task);
    for (double[] scores : rows) {
      if (isHit(scores)) {
        tally.hit();
      } else {
        tally.miss();
      }
    }
    return tally.build();
  }
}
