package org.unime.pipeline.rerank;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A new order of one query's top-k: a permutation of the input indices, best first, with the score that produced it.
 *
 * <p>Candidates are sorted by score, highest first; equal scores keep their input (embedder) order, so a reranker
 * that cannot tell two candidates apart leaves them as retrieved. Immutable.
 */
public final class Reranking {
  private final int[] order;
  private final double[] scores;

  private Reranking(int[] order, double[] scores) {
    this.order = order;
    this.scores = scores;
  }

  /** Orders by {@code scores} (one per input candidate, in input order), highest first, ties in input order. */
  public static Reranking byScore(double[] scores) {
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(
            "Cannot rerank: the score of candidate " + (i + 1) + " of " + scores.length + " is NaN");
      }
    }
    double[] copy = scores.clone();
    Integer[] boxed = IntStream.range(0, copy.length).boxed().toArray(Integer[]::new);
    // Arrays.sort on objects is stable, which is what keeps ties in input order.
    Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> copy[i]).reversed());
    return new Reranking(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), copy);
  }

  /** Pairwise readout: each candidate's P(Yes) = softmax([l_Yes, l_No])[0], then {@link #byScore}. */
  public static Reranking pairwise(double[] yesLogits, double[] noLogits) {
    if (yesLogits.length != noLogits.length) {
      throw new IllegalArgumentException(
          "Cannot rerank pairwise: " + yesLogits.length + " Yes logits but " + noLogits.length + " No logits");
    }
    double[] p = new double[yesLogits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = probabilityYes(yesLogits[i], noLogits[i]);
    }
    return byScore(p);
  }

  /**
   * Listwise readout: softmax over the k position logits "(1)".."(k)" (each candidate's probability of being the
   * answer), then {@link #byScore}; the first candidate is the argmax, the one the reference's greedy decode picks.
   */
  public static Reranking listwise(double[] positionLogits) {
    double logZ = RerankLoss.logSumExp(positionLogits);
    double[] p = new double[positionLogits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(positionLogits[i] - logZ);
    }
    return byScore(p);
  }

  /** softmax([l_Yes, l_No])[0] = 1 / (1 + exp(l_No − l_Yes)). */
  public static double probabilityYes(double yesLogit, double noLogit) {
    return 1.0 / (1.0 + Math.exp(noLogit - yesLogit));
  }

  /** k. */
  public int size() {
    return order.length;
  }

  /** Input indices, best first: {@code order()[r]} is the candidate placed at 0-based rank r. */
  public int[] order() {
    return order.clone();
  }

  /** The score of each input candidate, in input order. */
  public double[] scores() {
    return scores.clone();
  }

  /** The 0-based input index of the best candidate. */
  public int best() {
    if (order.length == 0) {
      throw new IllegalStateException("Cannot pick the best of an empty reranking");
    }
    return order[0];
  }

  /** The new 1-based rank of the candidate at 0-based input index {@code inputIndex}. */
  public int rankAfter(int inputIndex) {
    for (int r = 0; r < order.length; r++) {
      if (order[r] == inputIndex) {
        return r + 1;
      }
    }
    throw new IndexOutOfBoundsException(
        "Cannot find the new rank of candidate " + inputIndex + ": the list has " + order.length + " candidates");
  }
}
