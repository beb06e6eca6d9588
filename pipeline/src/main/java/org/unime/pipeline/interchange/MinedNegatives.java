package org.unime.pipeline.interchange;

import java.util.List;

/**
 * The judge-scored pairs of one mined record, expressed with ingest ids: what an ingest job stores to reuse
 * imported hard negatives instead of mining them again. Ids may name rows that ingest rejected (e.g. a negative
 * whose image is missing); join against the candidates table to keep only the ones that exist.
 *
 * @param recordIndex 0-based position of the record in its file (also in the query's source metadata)
 * @param queryId the query's ingest id
 * @param positiveId the positive's ingest id
 * @param positiveScore the judge score of the positive
 * @param negativeIds the negatives' ingest ids, in stored order (may repeat: the sampler pads by cycling)
 * @param negativeScores judge scores aligned with {@code negativeIds}
 */
public record MinedNegatives(
    long recordIndex,
    String queryId,
    String positiveId,
    double positiveScore,
    List<String> negativeIds,
    List<Double> negativeScores) {

  public MinedNegatives {
    negativeIds = List.copyOf(negativeIds);
    negativeScores = List.copyOf(negativeScores);
    if (negativeIds.size() != negativeScores.size()) {
      throw new IllegalArgumentException("Cannot build mined negatives for " + queryId
          + ": ids and scores must align (got " + negativeIds.size() + " ids, " + negativeScores.size()
          + " scores)");
    }
  }
}
