package org.unime.pipeline.loss;

/**
 * Float64 result of {@link InfoNce}. The gradient array is owned by the result and compared by identity in
 * {@code equals}.
 *
 * @param loss batch mean cross-entropy
 * @param gradient ∂loss/∂similarities, B × n
 */
public record InfoNceResult(double loss, double[][] gradient) {}
