package org.unime.udfs.unime;

import java.io.Serializable;

/**
 * The training examples of a UniME-V2 run over an item list (indices into the prepared inputs): per query, its
 * candidate list {@code [positive, negative_1..k]} and the judge scores {@code [s_pos, s_neg_1..k]} aligned with it,
 * plus the query's other positives (masked out of in-batch negatives). Built by {@link CandidateLists}. Serializable
 * (broadcast once per run); arrays are shared, not copied: do not modify them.
 *
 * @param queryIds query id per example (for messages)
 * @param queries query item per example
 * @param candidates per example the k + 1 candidate items, positive first
 * @param targets per example the k + 1 judge scores, aligned with {@code candidates}
 * @param otherPositives per example the items of the query's positives other than its own positive
 */
public record ExampleSet(
    String[] queryIds, int[] queries, int[][] candidates, float[][] targets, int[][] otherPositives)
    implements Serializable {

  public ExampleSet {
    int n = queries.length;
    if (n == 0 || queryIds.length != n || candidates.length != n || targets.length != n || otherPositives.length != n) {
      throw new IllegalArgumentException(
          "Cannot build examples: need the same non-zero number of ids, queries, candidate lists, targets and"
              + " other-positive lists (got " + queryIds.length + ", " + n + ", " + candidates.length + ", "
              + targets.length + ", " + otherPositives.length + ")");
    }
  }

  public int size() {
    return queries.length;
  }

  /** Candidates per example: the positive and k negatives. */
  public int candidatesPerExample() {
    return candidates[0].length;
  }

  /** The positive item of example {@code e}. */
  public int positive(int e) {
    return candidates[e][0];
  }
}
