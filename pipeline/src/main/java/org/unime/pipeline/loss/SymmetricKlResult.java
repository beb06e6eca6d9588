package org.unime.pipeline.loss;

/**
 * Float64 result of {@link SymmetricKlLoss}. The gradient array is owned by the result and compared by identity in
 * {@code equals}.
 *
 * @param loss (kl1 + kl2) / 2
 * @param kl1 batch mean of KL(Q‖P), Q the judge distribution
 * @param kl2 batch mean of KL(P‖Q), P the similarity distribution
 * @param gradient ∂loss/∂similarities, B × n, with Q held constant
 */
public record SymmetricKlResult(double loss, double kl1, double kl2, double[][] gradient) {}
