package org.unime.pipeline.loss;

/**
 * Float32 result of {@link SymmetricKlLoss}; same meaning as {@link SymmetricKlResult}. The gradient array is owned
 * by the result and compared by identity in {@code equals}.
 *
 * @param loss (kl1 + kl2) / 2
 * @param kl1 batch mean of KL(Q‖P)
 * @param kl2 batch mean of KL(P‖Q)
 * @param gradient ∂loss/∂similarities, B × n, with Q held constant
 */
public record SymmetricKlResult32(float loss, float kl1, float kl2, float[][] gradient) {}
