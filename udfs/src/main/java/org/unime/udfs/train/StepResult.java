package org.unime.udfs.train;

/**
 * The outcome of one optimizer step.
 *
 * @param step 0-based index of the step (updates applied before it)
 * @param loss batch mean loss before the update
 * @param gradientNorm global gradient L2 norm before clipping
 * @param learningRate the learning rate the update used
 * @param examples batch size
 */
public record StepResult(int step, double loss, double gradientNorm, double learningRate, int examples) {}
