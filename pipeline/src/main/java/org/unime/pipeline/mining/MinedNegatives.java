package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The hard negatives mined for one query (spec §4 step 6), in stored order: training uses the first eight as they
 * stand (spec §5), so the order is part of the result.
 *
 * @param queryId the query
 * @param negatives exactly {@code minNegatives} entries with their judge scores (fallback entries carry the
 *     fallback score); may repeat candidates for {@link SamplingOutcome#CYCLIC_REPEAT} and a small-pool {@link
 *     SamplingOutcome#FALLBACK}; empty only for {@link SamplingOutcome#EMPTY_POOL}
 * @param outcome which branch produced them
 * @param survivors |R|, the candidates with score ≤ α
 * @param falseNegativesRemoved |P| − |R|, the candidates dropped as likely false negatives (score > α)
 * @param alpha the threshold α that was applied
 */
public record MinedNegatives(
    String queryId,
    List<JudgedCandidate> negatives,
    SamplingOutcome outcome,
    int survivors,
    int falseNegativesRemoved,
    double alpha)
    implements Serializable {

  public MinedNegatives {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(outcome, "outcome");
    negatives = List.copyOf(negatives);
    if (survivors < 0 || falseNegativesRemoved < 0) {
      throw inconsistent(queryId, "counts must be >= 0 (got survivors=" + survivors + ", removed="
          + falseNegativesRemoved + ")");
    }

    if ((outcome == SamplingOutcome.EMPTY_POOL) != negatives.isEmpty()) {
      throw inconsistent(queryId, "only an empty pool yields no negatives (got " + outcome + " with "
          + negatives.size() + " negatives)");
    }

    boolean drewWithoutSurvivors = outcome == SamplingOutcome.FALLBACK || outcome == SamplingOutcome.EMPTY_POOL;
    if (drewWithoutSurvivors != (survivors == 0)) {
      throw inconsistent(queryId, "survivors must be 0 exactly for FALLBACK and EMPTY_POOL (got " + outcome
          + " with " + survivors + " survivors)");
    }
  }

  /** The result for a query whose stage-1 pool was empty. */
  static MinedNegatives emptyPool(String queryId, double alpha) {
    return new MinedNegatives(queryId, List.of(), SamplingOutcome.EMPTY_POOL, 0, 0, alpha);
  }

  private static IllegalArgumentException inconsistent(String queryId, String why) {
    return new IllegalArgumentException("Cannot record mined negatives for query " + queryId + ": " + why);
  }
}
