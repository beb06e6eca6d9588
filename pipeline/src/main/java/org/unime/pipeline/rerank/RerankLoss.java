package org.unime.pipeline.rerank;

import java.util.List;

/**
 * The reranker's loss in double precision: the definition the DJL trainer is tested against.
 *
 * <p>Per query, L = w_pair · (CE(Yes | pair+) + CE(No | pair−)) + w_list · CE(answer | list), the paper's
 * L = L_pair + L_list (Eqs. 5–6) with configurable weights; a batch's loss is the mean over its queries. The pairwise
 * CE is a softmax over the two answers [l_Yes, l_No] only, the listwise CE a softmax over the k position answers
 * "(1)".."(k)" only: the answers the head can give for that prompt.
 *
 * <p>The released code instead takes the mean token CE over every unmasked assistant token of all three sequences
 * (template tokens included), which weighs the three answers about equally; the difference is a constant factor and
 * the template tokens' (near-zero after warm-up) share, so 1:1 here trains the same trade-off.
 */
public final class RerankLoss {
  private RerankLoss() {}

  /**
   * The head's outputs for one query's three examples.
   *
   * @param positivePair [l_Yes, l_No] of pair+
   * @param negativePair [l_Yes, l_No] of pair−
   * @param listPositions the k position logits of the list, "(1)" first
   * @param answerPosition the positive's 1-based position in the list
   */
  public record QueryLogits(double[] positivePair, double[] negativePair, double[] listPositions, int answerPosition) {
    public QueryLogits {
      if (positivePair.length != 2 || negativePair.length != 2) {
        throw new IllegalArgumentException(
            "Cannot compute the reranker loss: pair logits must be [l_Yes, l_No] (got " + positivePair.length + " and "
                + negativePair.length + " values)");
      }
      positivePair = positivePair.clone();
      negativePair = negativePair.clone();
      listPositions = listPositions.clone();
      requirePosition(listPositions, answerPosition);
    }
  }

  /** −log softmax([l_Yes, l_No])[label]. */
  public static double pairwise(double yesLogit, double noLogit, PairLabel label) {
    double[] logits = {yesLogit, noLogit};
    return logSumExp(logits) - logits[label.answerIndex()];
  }

  /** −log softmax(position logits)[answerPosition − 1]. */
  public static double listwise(double[] positionLogits, int answerPosition) {
    requirePosition(positionLogits, answerPosition);
    return logSumExp(positionLogits) - positionLogits[answerPosition - 1];
  }

  /** One query's weighted loss. */
  public static double query(QueryLogits q, RerankSettings weights) {
    double pair = pairwise(q.positivePair()[0], q.positivePair()[1], PairLabel.YES)
        + pairwise(q.negativePair()[0], q.negativePair()[1], PairLabel.NO);
    double list = listwise(q.listPositions(), q.answerPosition());
    return weights.pairwiseWeight() * pair + weights.listwiseWeight() * list;
  }

  /** Mean of {@link #query} over a batch. */
  public static double batchMean(List<QueryLogits> batch, RerankSettings weights) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("Cannot compute the reranker loss of an empty batch (got 0 queries)");
    }
    double sum = 0;
    for (QueryLogits q : batch) {
      sum += query(q, weights);
    }
    return sum / batch.size();
  }

  /** log Σ exp(x), shifted by the maximum so nothing overflows. */
  static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  private static void requirePosition(double[] positionLogits, int answerPosition) {
    if (answerPosition < 1 || answerPosition > positionLogits.length) {
      throw new IllegalArgumentException(
          "Cannot compute the listwise loss: the answer position must be in 1.." + positionLogits.length + " (got "
              + answerPosition + ")");
    }
  }
}
