package org.unime.pipeline.rerank;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One row of the {@code hard_negatives} table as the reranker reads it: a query, its positive and the mined
 * negatives with their judge scores, in stored order (the order the sampler wrote; not sorted).
 *
 * @param queryId the query
 * @param positiveId its positive candidate
 * @param negativeIds the negatives in stored order (may repeat: the sampler pads by cycling)
 * @param negativeScores judge scores aligned with {@code negativeIds}
 */
public record MinedQuery(String queryId, String positiveId, List<String> negativeIds, List<Double> negativeScores)
    implements Serializable {

  public MinedQuery {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(positiveId, "positiveId");
    negativeIds = List.copyOf(negativeIds);
    negativeScores = List.copyOf(negativeScores);
    if (negativeIds.size() != negativeScores.size()) {
      throw new IllegalArgumentException(
          "Cannot read the hard negatives of query " + queryId + ": ids and scores must align (got "
              + negativeIds.size() + " ids, " + negativeScores.size() + " scores)");
    }
    for (Double score : negativeScores) {
      if (!Double.isFinite(score)) {
        throw new IllegalArgumentException(
            "Cannot read the hard negatives of query " + queryId + ": judge scores must be finite (got " + score
                + ")");
      }
    }
  }
}
