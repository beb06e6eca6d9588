package org.unime.udfs.rerank;

import java.util.Arrays;
import java.util.List;
import org.unime.udfs.judge.MiniJudgeEncoder.Encoded;

/**
 * One encoded reranker prompt, ready to be packed: the positions, which list candidate each position belongs to,
 * which answer the prompt asks for, and the embedder's cosine prior per head column.
 *
 * @param encoded token, image and item-vector positions (the answer position is appended when packing)
 * @param slots per position, the 1-based list candidate it belongs to, 0 outside list candidates
 * @param kind pairwise (answers Yes/No) or listwise (answers a position)
 * @param candidates k, the list's candidates (0 for a pairwise prompt)
 * @param prior per head column, cos(query vector, candidate vector) where the column answers for a candidate (Yes;
 *     or "(i)" for list candidate i), 0 elsewhere and without an embedder
 */
record RerankSequence(Encoded encoded, int[] slots, Kind kind, int candidates, float[] prior) {

  /** Which answers a prompt allows. */
  enum Kind {
    PAIRWISE,
    LISTWISE
  }

  int length() {
    return encoded.length();
  }

  /** A pairwise prompt from its query side and candidate side (vectors null without an embedder). */
  static RerankSequence pair(Encoded query, float[] queryVector, Encoded candidate, float[] candidateVector,
      int headWidth) {
    Encoded all = query.then(candidate);
    float[] prior = new float[headWidth];
    prior[0] = cosine(queryVector, candidateVector);
    return new RerankSequence(all, new int[all.length()], Kind.PAIRWISE, 0, prior);
  }

  /** A listwise prompt from its query side and its candidates' sides in list order. */
  static RerankSequence list(Encoded query, float[] queryVector, List<Encoded> candidates,
      float[][] candidateVectors, int headWidth) {
    if (candidates.isEmpty() || RerankerConfig.PAIR_ANSWERS + candidates.size() > headWidth) {
      throw new IllegalArgumentException(
          "Cannot build a listwise prompt: it needs 1.." + (headWidth - RerankerConfig.PAIR_ANSWERS)
              + " candidates (got " + candidates.size() + ")");
    }
    Encoded all = query;
    int[] slots = new int[query.length() + candidates.stream().mapToInt(Encoded::length).sum()];
    int at = query.length();
    float[] prior = new float[headWidth];
    for (int i = 0; i < candidates.size(); i++) {
      Encoded c = candidates.get(i);
      all = all.then(c);
      Arrays.fill(slots, at, at + c.length(), i + 1);
      at += c.length();
      prior[RerankerConfig.PAIR_ANSWERS + i] = cosine(queryVector, candidateVectors[i]);
    }
    return new RerankSequence(all, slots, Kind.LISTWISE, candidates.size(), prior);
  }

  private static float cosine(float[] a, float[] b) {
    if (a == null || b == null) {
      return 0f;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return (float) sum;
  }
}
