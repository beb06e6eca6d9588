package org.unime.udfs.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * What {@link TrainingTask#loss} gets besides the example indices. Valid only during that call: the manager and
 * everything created in it are closed when the step ends.
 *
 * @param manager where to create the batch's input arrays
 * @param parameterStore to pass to {@code Block.forward}
 * @param step number of updates applied before this batch (0-based step index)
 * @param seed a seed derived from the training seed and the step, for per-batch randomness
 */
public record BatchContext(NDManager manager, ParameterStore parameterStore, int step, long seed) {}
