package org.unime.udfs.distributed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.unime.udfs.train.BatchContext;
import org.unime.udfs.train.TrainingTask;

/**
 * A {@link TrainingTask} whose global-batch loss can be computed in shards, so that {@link DistributedTrainer} can
 * spread a step over Spark tasks and still get exactly the gradient of the global batch's mean loss, whatever the
 * number of shards. Two ways to split, chosen by {@link #split()}:
 *
 * <ul>
 *   <li>{@link Split#PER_EXAMPLE}: the loss is a mean of per-example terms. A shard returns
 *       {@code Σ_{e ∈ shard} ℓ_e / B} with {@code B} the global batch size ({@link #partialLoss}); the shards'
 *       gradients simply add up. One pass per step.
 *   <li>{@link Split#SHARED_REPRESENTATIONS}: the loss couples examples (in-batch negatives). Shards return their
 *       examples' representations ({@link #representations}); the driver computes the global loss on all of them
 *       ({@link #representationLoss}) and its gradient with respect to each representation; shards then
 *       back-propagate {@code Σ rep · ∂L/∂rep} through the model. This is GradCache (the UniME-V2 reference trains
 *       this way): exact, at the cost of a second forward pass.
 * </ul>
 *
 * <p>The default {@link #loss} gives the single-process loop the same loss, so a local {@code TrainingLoop} over
 * this task is the reference the distributed step is tested against. Same contract as {@link TrainingTask#loss}:
 * NDArray ops only, in {@code context.manager()}, called inside the training lock on one thread at a time.
 * {@link #close()} frees the task's model.
 */
public interface ShardedTask extends TrainingTask, AutoCloseable {

  /** How the global-batch loss splits over shards. */
  enum Split {
    /** Mean of per-example terms: shards add up. */
    PER_EXAMPLE,
    /** Couples examples through their representations: two passes (GradCache). */
    SHARED_REPRESENTATIONS
  }

  Split split();

  /**
   * {@link Split#PER_EXAMPLE} only: {@code Σ_{e ∈ examples} ℓ_e / normaliser} as a scalar, plus named extra terms
   * (e.g. the two KL directions) with the same normalisation, so they too add up over shards.
   */
  PartialLoss partialLoss(BatchContext context, int[] examples, int normaliser);

  /** {@link Split#SHARED_REPRESENTATIONS} only: rows each example contributes to the representations. */
  int rowsPerExample();

  /**
   * {@link Split#SHARED_REPRESENTATIONS} only: the examples' representations, {@code examples.length ·
   * rowsPerExample()} rows in example-major order, from NDArray ops (autograd must see them). Must be a
   * deterministic function of the weights and the examples (no {@code context.seed()}): GradCache computes them
   * twice and relies on getting the same values.
   */
  NDArray representations(BatchContext context, int[] examples);

  /**
   * {@link Split#SHARED_REPRESENTATIONS} only: the mean loss of the global batch {@code examples} given all their
   * representations (example-major, as {@link #representations} lays them out for the whole batch).
   */
  PartialLoss representationLoss(NDManager manager, NDArray representations, int[] examples);

  /** The batch's mean loss, computed either way in one process. */
  @Override
  default NDArray loss(BatchContext context, int[] examples) {
    if (split() == Split.PER_EXAMPLE) {
      return partialLoss(context, examples, examples.length).loss();
    }
    return representationLoss(context.manager(), representations(context, examples), examples).loss();
  }

  /** Frees the task's model and any native memory it holds. */
  @Override
  void close();

  /**
   * A scalar loss (or a shard's share of it) and named extra terms for the metrics, normalised alike.
   *
   * @param loss scalar NDArray that autograd differentiates
   * @param terms e.g. {@code kl1}, {@code kl2}; scalars, read only for reporting
   */
  record PartialLoss(NDArray loss, Map<String, NDArray> terms) {
    public PartialLoss {
      terms = Map.copyOf(terms);
    }
  }
}
