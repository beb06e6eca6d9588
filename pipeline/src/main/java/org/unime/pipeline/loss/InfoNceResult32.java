package org.unime.pipeline.loss;

/**
 * Float32 result of {@link InfoNce}. The gradient array is owned by the result and compared by identity in
 * {@code equals}.
 *
 * @param loss batch mean cross-entropy
 * @param gradient ∂loss/∂similarities, B × n
 */
public record InfoNceResult32(float loss, float[][] gradient) {}
