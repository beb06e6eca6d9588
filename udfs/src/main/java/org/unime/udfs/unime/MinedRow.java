package org.unime.udfs.unime;

import java.io.Serializable;
import java.util.List;

/**
 * One row of the {@code hard_negatives} table as training reads it (schema in {@code MiningSchemas}).
 *
 * @param queryId the query item
 * @param positiveId its positive candidate
 * @param positiveScore the judge's score of the positive, s_pos
 * @param negativeIds the mined negatives in stored (sampled) order, normally 10
 * @param negativeScores their judge scores, aligned with {@code negativeIds}
 */
public record MinedRow(
    String queryId, String positiveId, double positiveScore, List<String> negativeIds, List<Double> negativeScores)
    implements Serializable {

  public MinedRow {
    negativeIds = List.copyOf(negativeIds);
    negativeScores = List.copyOf(negativeScores);
    if (negativeIds.size() != negativeScores.size()) {
      throw new IllegalArgumentException(
          "Cannot read the hard negatives of query " + queryId + ": " + negativeIds.size() + " ids but "
              + negativeScores.size() + " scores");
    }
  }
}
