package org.unime.pipeline.rerank;

import java.io.Serializable;
import java.util.Objects;

/**
 * How the reranker's training examples are built and its two losses weighed (proposed config block
 * {@code unime.reranker.data}; see docs/reranker.md). Immutable and serializable.
 *
 * <p>{@link #reference()} is the released code's behaviour; the {@code with...} methods return changed copies.
 *
 * @param negativeChoice which negatives make the pair− example and the list
 * @param listSize x, negatives per training list (the list holds x + 1 candidates with the positive); queries with
 *     fewer usable negatives get shorter lists
 * @param positions where the positive goes in the list
 * @param pairwiseWeight weight of CE(Yes | pair+) + CE(No | pair−)
 * @param listwiseWeight weight of CE(answer position | list)
 */
public record RerankSettings(
    NegativeChoice negativeChoice,
    int listSize,
    PositionDistribution positions,
    double pairwiseWeight,
    double listwiseWeight)
    implements Serializable {

  public RerankSettings {
    Objects.requireNonNull(negativeChoice, "negativeChoice");
    Objects.requireNonNull(positions, "positions");
    if (listSize < 1) {
      throw invalid("list-size must be >= 1", String.valueOf(listSize));
    }
    if (!(pairwiseWeight >= 0) || !(listwiseWeight >= 0) || Double.isInfinite(pairwiseWeight)
        || Double.isInfinite(listwiseWeight) || pairwiseWeight + listwiseWeight == 0) {
      throw invalid("loss weights must be finite, >= 0 and not both 0", pairwiseWeight + ":" + listwiseWeight);
    }
  }

  /**
   * The released code: first stored negatives, x = 5, the skewed position draw, and the two losses weighed 1:1 (the
   * paper's L = L_pair + L_list).
   */
  public static RerankSettings reference() {
    return new RerankSettings(NegativeChoice.FIRST_STORED, 5, PositionDistribution.REFERENCE, 1.0, 1.0);
  }

  public RerankSettings withNegativeChoice(NegativeChoice choice) {
    return new RerankSettings(choice, listSize, positions, pairwiseWeight, listwiseWeight);
  }

  public RerankSettings withListSize(int size) {
    return new RerankSettings(negativeChoice, size, positions, pairwiseWeight, listwiseWeight);
  }

  public RerankSettings withPositions(PositionDistribution distribution) {
    return new RerankSettings(negativeChoice, listSize, distribution, pairwiseWeight, listwiseWeight);
  }

  public RerankSettings withLossWeights(double pairwise, double listwise) {
    return new RerankSettings(negativeChoice, listSize, positions, pairwise, listwise);
  }

  private static IllegalArgumentException invalid(String what, String got) {
    return new IllegalArgumentException("Cannot configure the reranker's training data: " + what + " (got " + got
        + ")");
  }
}
