package org.unime.pipeline.mining;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * Which candidates one query may retrieve in stage 1 (spec §2): only those with similarity strictly below the cap
 * δ, and never one of the query's own positives.
 *
 * <p>Positives are excluded by id, always, rather than trusted to fall above δ: δ is unreported in the paper (spec
 * §9, open question 1) and a positive can score below any cap. So the excluded set must not be empty; every
 * mining query has at least its positive.
 *
 * <p>Immutable, thread-safe and serializable.
 *
 * @param maxSimilarity the exclusive cap δ: a candidate is kept only if {@code similarity < maxSimilarity}. {@link
 *     Float#POSITIVE_INFINITY} disables the cap (see {@link #unbounded}); never NaN
 * @param excludedIds ids of the query's positives (and any other id that must never be retrieved for it)
 */
public record RetrievalFilter(float maxSimilarity, Set<String> excludedIds) implements Serializable {

  public RetrievalFilter {
    if (Float.isNaN(maxSimilarity)) {
      throw new IllegalArgumentException(
          "Cannot build a retrieval filter: the similarity cap is NaN (got " + maxSimilarity
              + "); use RetrievalFilter.unbounded(...) to disable it");
    }

    Objects.requireNonNull(excludedIds, "excludedIds");
    if (excludedIds.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot build a retrieval filter: no positive ids to exclude (got " + excludedIds
              + "); pass the query's positive ids, they are always excluded explicitly");
    }

    excludedIds = Set.copyOf(excludedIds);
  }

  /** Keeps candidates with similarity strictly below {@code delta}, except the given positives. */
  public static RetrievalFilter below(float delta, Set<String> positiveIds) {
    return new RetrievalFilter(delta, positiveIds);
  }

  /** No similarity cap (δ = +∞); still excludes the given positives. */
  public static RetrievalFilter unbounded(Set<String> positiveIds) {
    return new RetrievalFilter(Float.POSITIVE_INFINITY, positiveIds);
  }

  /** Whether the similarity is under the cap; the cheap half of {@link #accepts}, checked first by kernels. */
  public boolean belowCap(float similarity) {
    return similarity < maxSimilarity;
  }

  /** Whether this query may retrieve the candidate. */
  public boolean accepts(String candidateId, float similarity) {
    return belowCap(similarity) && !excludedIds.contains(candidateId);
  }
}
