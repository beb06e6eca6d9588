package org.unime.udfs.unime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Map;
import org.unime.udfs.distributed.ShardedTask.PartialLoss;

/**
 * The three training losses as NDArray ops (autograd differentiates them), each returning its share
 * {@code Σ_b ℓ_b / normaliser} of a batch mean, so shards of a global batch add up when {@code normaliser} is the
 * global batch size. The math runs in the inputs' data type: training passes float32 (spec §5: loss math in fp32);
 * the tests pass float64 through the same code to check it against the float64 reference
 * ({@code org.unime.pipeline.loss}) to 1e-6.
 *
 * <p>UniME-V2 (spec §5, reference {@code DistributedSoftLabelSoftKLContrastiveLoss}), per row b of similarities s and
 * judge scores t, column 0 the positive:
 *
 * <pre>
 *   P = softmax(s / τ)   Q = softmax(t / τ)   ε = 1e-8
 *   kl1 = Σ_b Σ_j Q_j (log Q_j − log(P_j + ε)) / normaliser        KL(Q‖P)
 *   kl2 = Σ_b Σ_j P_j (log P_j − log(Q_j + ε)) / normaliser        KL(P‖Q)
 *   loss = (kl1 + kl2) / 2
 * </pre>
 *
 * {@code log Q} and {@code log P} come from a log-softmax (finite where the probability underflows to 0, which makes
 * 0·log 0 = 0 without special cases); ε sits only inside the other side's log, as in the reference. The judge scores
 * are data, so Q carries no gradient. Stateless.
 */
final class UnimeLosses {
  /** The ε inside log(P + ε) and log(Q + ε), as in the reference. */
  static final double EPSILON = 1e-8;

  static final String KL1 = "kl1";
  static final String KL2 = "kl2";

  private UnimeLosses() {}

  /**
   * The UniME-V2 symmetric KL of {@code similarities} (B × n, with gradient) against {@code judgeScores} (B × n,
   * constants); terms {@value #KL1} and {@value #KL2}.
   */
  static PartialLoss symmetricKl(NDArray similarities, NDArray judgeScores, double temperature, int normaliser) {
    NDArray logP = similarities.div(like(similarities, temperature)).logSoftmax(1);
    NDArray logQ = judgeScores.div(like(judgeScores, temperature)).logSoftmax(1);
    NDArray p = logP.exp();
    NDArray q = logQ.exp();
    NDArray eps = like(similarities, EPSILON);
    NDArray n = like(similarities, normaliser);
    NDArray kl1 = q.mul(logQ).sub(q.mul(p.add(eps).log())).sum().div(n);
    NDArray kl2 = p.mul(logP).sub(p.mul(q.add(eps).log())).sum().div(n);
    NDArray loss = kl1.add(kl2).mul(like(similarities, 0.5));
    return new PartialLoss(loss, Map.of(KL1, kl1, KL2, kl2));
  }

  /**
   * InfoNCE over each row's own candidates with the positive in column 0 (the hard-negatives-only ablation):
   * {@code Σ_b (logsumexp(s_b / τ) − s_b0 / τ) / normaliser}.
   */
  static PartialLoss infoNceFirstColumn(NDArray similarities, double temperature, int normaliser) {
    NDArray logP = similarities.div(like(similarities, temperature)).logSoftmax(1);
    NDArray loss = logP.get(new NDIndex(":, 0")).sum().neg().div(like(similarities, normaliser));
    return new PartialLoss(loss, Map.of());
  }

  /**
   * InfoNCE over arbitrary columns (in-batch negatives): {@code logits} (B × C) are similarity / τ plus a mask (a
   * large negative number removes a column for a row); {@code targets} is the one-hot target column per row.
   */
  static PartialLoss infoNceMasked(NDArray logits, NDArray targets, int normaliser) {
    NDArray loss = logits.logSoftmax(1).mul(targets).sum().neg().div(like(logits, normaliser));
    return new PartialLoss(loss, Map.of());
  }

  /**
   * A scalar of {@code array}'s type held by {@code array}'s manager. Never pass a Java number to
   * {@code NDArray.div/mul/add(Number)} on a training path: DJL's PyTorch engine wraps it in a temporary tensor over a
   * direct buffer that autograd keeps for the backward pass; once the JVM frees the buffer the backward pass reads
   * garbage (docs/judge.md, "A DJL pitfall"). A manager-held scalar lives until the step's manager closes.
   */
  static NDArray like(NDArray array, double value) {
    return array.getDataType() == DataType.FLOAT64
        ? array.getManager().create(value)
        : array.getManager().create((float) value);
  }
}
