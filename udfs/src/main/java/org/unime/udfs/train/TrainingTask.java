package org.unime.udfs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/**
 * What a training job plugs into {@link TrainingLoop}: the model, how many examples there are, and how to turn a
 * batch of example indices into a scalar loss. The loop owns everything else (data order, optimizer, schedule,
 * clipping, checkpoints, logging, the JVM-wide gradient lock).
 *
 * <p>Contract for {@link #loss}: build inputs in {@code context.manager()}, run the block's forward pass with
 * {@code context.parameterStore()} and {@code training = true}, and return the mean loss over the batch as a scalar
 * NDArray built only from NDArray ops (so autograd sees it). Use {@code context.seed()} for any randomness (e.g.
 * augmentation), never an unseeded source or the engine's global RNG: that is what makes a resumed run identical to
 * an uninterrupted one. Called on one thread at a time, inside the gradient lock.
 */
public interface TrainingTask {

  /** The model being trained, with initialised parameters; every parameter that requires a gradient is updated. */
  Block block();

  /** Number of examples; batches draw indices in {@code [0, exampleCount())}. */
  int exampleCount();

  /** The scalar mean loss of the examples with these indices. */
  NDArray loss(BatchContext context, int[] examples);
}
