package org.unime.udfs.rerank;

import java.io.Serializable;
import java.util.Objects;
import org.unime.pipeline.rerank.RerankSettings;

/**
 * How the built-in reranker is trained (proposed config block {@code unime.reranker}; see docs/reranker.md). Every
 * value is required: defaults live in {@code reference.conf}, not here.
 *
 * @param architecture network shape; its backbone's vocab-size is replaced by the size of the vocabulary built from
 *     the training texts, and its embedder-dim by the embedder's width (0 without one)
 * @param data example construction and loss weights
 * @param steps optimizer steps
 * @param queriesPerStep queries per step; each contributes a pair+, a pair- and a list
 * @param learningRate peak AdamW learning rate
 * @param warmupSteps linear warm-up steps, then linear decay to 0
 * @param weightDecay AdamW decoupled weight decay (matrices only)
 * @param maxGradNorm global gradient-norm clip (0 = off)
 * @param seed seeds initialisation, data order and the list positions (redrawn every step)
 * @param logEvery progress line interval in steps
 */
public record RerankerTrainingSettings(
    RerankerConfig architecture,
    RerankSettings data,
    int steps,
    int queriesPerStep,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    double maxGradNorm,
    long seed,
    int logEvery)
    implements Serializable {

  public RerankerTrainingSettings {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(data, "data");
    if (steps < 1 || queriesPerStep < 1) {
      throw invalid("steps and queries-per-step must be >= 1", steps + ", " + queriesPerStep);
    }
    if (data.listSize() + 1 > architecture.maxCandidates()) {
      throw invalid("a training list of list-size + 1 candidates must fit the head's max-candidates",
          (data.listSize() + 1) + " > " + architecture.maxCandidates());
    }
  }

  private static IllegalArgumentException invalid(String what, String got) {
    return new IllegalArgumentException("Cannot configure reranker training: " + what + " (got " + got + ")");
  }
}
