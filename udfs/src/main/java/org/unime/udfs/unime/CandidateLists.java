package org.unime.udfs.unime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Batch construction of spec §5, per mined row: the candidate list is the positive followed by the <b>first k stored
 * negatives</b> (stored order, duplicates from cyclic repetition kept; no random choice, the reference's
 * {@code select_hard_negative_num=8} uses {@code hn[0..7]}), and the target scores are {@code [s_pos, s_neg_1..k]}
 * in the same order. Engine-free; stateless.
 */
public final class CandidateLists {
  private CandidateLists() {}

  /**
   * Examples for {@code rows}, in row order.
   *
   * @param rows mined rows
   * @param itemIndex item id → index into the prepared inputs; must hold every query, positive and used negative
   * @param negatives k
   * @param positivesOfQuery query id → all its positive ids (from the queries table); missing = only the mined one
   */
  public static ExampleSet build(
      List<MinedRow> rows, Map<String, Integer> itemIndex, int negatives, Map<String, List<String>> positivesOfQuery) {
    if (negatives < 1) {
      throw new IllegalArgumentException("Cannot build candidate lists: k must be >= 1 (got " + negatives + ")");
    }
    int n = rows.size();
    String[] ids = new String[n];
    int[] queries = new int[n];
    int[][] candidates = new int[n][];
    float[][] targets = new float[n][];
    int[][] others = new int[n][];
    for (int e = 0; e < n; e++) {
      MinedRow row = rows.get(e);
      if (row.negativeIds().size() < negatives) {
        throw new IllegalArgumentException(
            "Cannot build the candidate list of query " + row.queryId() + ": it has " + row.negativeIds().size()
                + " stored negatives, fewer than unime.training.negatives = " + negatives
                + "; lower it or re-mine with unime.mining.min-negatives >= " + negatives);
      }
      ids[e] = row.queryId();
      queries[e] = index(itemIndex, row.queryId(), row.queryId());
      candidates[e] = new int[negatives + 1];
      targets[e] = new float[negatives + 1];
      candidates[e][0] = index(itemIndex, row.positiveId(), row.queryId());
      targets[e][0] = (float) row.positiveScore();
      for (int j = 0; j < negatives; j++) {
        candidates[e][j + 1] = index(itemIndex, row.negativeIds().get(j), row.queryId());
        targets[e][j + 1] = row.negativeScores().get(j).floatValue();
      }
      others[e] =
          positivesOfQuery.getOrDefault(row.queryId(), List.of()).stream()
              .filter(id -> !id.equals(row.positiveId()))
              .map(itemIndex::get)
              .filter(Objects::nonNull)
              .mapToInt(Integer::intValue)
              .toArray();
    }
    return new ExampleSet(ids, queries, candidates, targets, others);
  }

  private static int index(Map<String, Integer> itemIndex, String id, String queryId) {
    Integer index = itemIndex.get(id);
    if (index == null) {
      throw new IllegalArgumentException(
          "Cannot build the candidate list of query " + queryId + ": item " + id
              + " is in neither the candidates nor the queries table at the pinned versions");
    }
    return index;
  }
}
