package org.unime.udfs.rerank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.unime.pipeline.rerank.RerankSettings;

/**
 * The reranker's training loss on DJL arrays: the batch mean over queries of
 * {@code w_pair * (CE(Yes | pair+) + CE(No | pair-)) + w_list * CE(answer | list)}, the definition in
 * {@link org.unime.pipeline.rerank.RerankLoss} (which the tests compare it with). Pairwise CE is over the Yes and No
 * columns only, listwise CE over the list's k position columns only.
 *
 * <p>Weights and targets enter as arrays held by the step's manager, never through {@code NDArray.mul(Number)}
 * (see {@link RerankerNet#constant}).
 */
final class RerankerObjective {
  private RerankerObjective() {}

  /**
   * @param pairLogits {@code [2Q, headWidth]}, rows query-major: pair+ then pair- of each query
   * @param listLogits {@code [Q, headWidth]}, one list per query
   * @param positionMask {@code [Q, maxCandidates]}: 0 for a list's k candidates, a large negative beyond
   * @param answerPositions per query, the positive's 1-based position in its list
   */
  static NDArray loss(NDManager m, NDArray pairLogits, NDArray listLogits, NDArray positionMask,
      int[] answerPositions, RerankSettings weights) {
    int queries = answerPositions.length;
    int k = (int) positionMask.getShape().get(1);
    float pairWeight = (float) (weights.pairwiseWeight() / queries);
    float listWeight = (float) (weights.listwiseWeight() / queries);
    float[] pairTargets = new float[queries * 4];
    float[] listTargets = new float[queries * k];
    for (int q = 0; q < queries; q++) {
      pairTargets[q * 4] = pairWeight; // pair+ row, Yes column
      pairTargets[q * 4 + 3] = pairWeight; // pair- row, No column
      listTargets[q * k + answerPositions[q] - 1] = listWeight;
    }
    NDArray pairLogProbs = pairLogits.get(":, 0:" + RerankerConfig.PAIR_ANSWERS).logSoftmax(1);
    NDArray pair = pairLogProbs.mul(m.create(pairTargets, new Shape(2L * queries, 2))).sum().neg();
    NDArray listLogProbs =
        listLogits.get(":, " + RerankerConfig.PAIR_ANSWERS + ":").add(positionMask).logSoftmax(1);
    NDArray list = listLogProbs.mul(m.create(listTargets, new Shape(queries, k))).sum().neg();
    return pair.add(list);
  }
}
