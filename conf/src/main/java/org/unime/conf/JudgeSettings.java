package org.unime.conf;

import java.io.Serializable;

/**
 * The MLLM judge ({@code unime.judge.*}): which artifact scores pairs, how the judge stage runs it, and how the
 * built-in mini-MLLM is trained by the {@code models} command.
 *
 * @param uri the judge artifact
 * @param batchSize candidates per forward pass against one cached query prefix
 * @param partitions Spark partitions the pairs are grouped into (by query)
 * @param commitPairs about how many pairs the judge stage scores between two commits to the judgments table (a
 *     driver lost mid-judge loses at most that much work; the rerun skips what was committed); 0 = one commit
 * @param architecture shape of the built-in mini-MLLM
 * @param training how the built-in mini-MLLM is trained
 */
public record JudgeSettings(
    String uri, int batchSize, int partitions, long commitPairs, Architecture architecture, Training training)
    implements Serializable {

  /**
   * Shape of the built-in mini-MLLM (docs/judge.md §2).
   *
   * @param embedderFeatures whether the judge reads the frozen stage-1 embedder's item vectors and cosine
   */
  public record Architecture(
      int dim,
      int heads,
      int layers,
      int ffnDim,
      int maxPositions,
      int imageSize,
      int patchSize,
      int colourBins,
      int maxTextTokens,
      boolean embedderFeatures)
      implements Serializable {}

  /**
   * Training of the built-in mini-MLLM; see reference.conf {@code unime.judge.training} for each value's meaning.
   *
   * @param reportTriplesPerKind held-out (query, positive, near variant) triples per kind in the models report
   */
  public record Training(
      int steps,
      int groupsPerStep,
      int groupSize,
      int maxNearVariants,
      double nearVariantShare,
      double learningRate,
      int warmupSteps,
      double weightDecay,
      double maxGradNorm,
      double listwiseWeight,
      int maxTrainGroups,
      long seed,
      int logEvery,
      int reportTriplesPerKind)
      implements Serializable {}

  static JudgeSettings from(ConfigReader r) {
    String a = "unime.judge.architecture.";
    Architecture architecture =
        new Architecture(
            r.intAtLeast(a + "dim", 8),
            r.intAtLeast(a + "heads", 1),
            r.intAtLeast(a + "layers", 1),
            r.intAtLeast(a + "ffn-dim", 1),
            r.intAtLeast(a + "max-positions", 16),
            r.intAtLeast(a + "image-size", 1),
            r.intAtLeast(a + "patch-size", 1),
            r.intAtLeast(a + "colour-bins", 0),
            r.intAtLeast(a + "max-text-tokens", 1),
            r.bool(a + "embedder-features"));
    if (architecture.dim() % Math.max(1, architecture.heads()) != 0) {
      r.problem(a + "dim", architecture.dim(), "must be divisible by heads (" + architecture.heads() + ")");
    }
    if (architecture.imageSize() % Math.max(1, architecture.patchSize()) != 0) {
      r.problem(a + "image-size", architecture.imageSize(),
          "must be a multiple of patch-size (" + architecture.patchSize() + ")");
    }
    if (architecture.colourBins() > 8) {
      r.problem(a + "colour-bins", architecture.colourBins(), "must be at most 8");
    }
    String t = "unime.judge.training.";
    Training training =
        new Training(
            r.intAtLeast(t + "steps", 1),
            r.intAtLeast(t + "groups-per-step", 1),
            r.intAtLeast(t + "group-size", 2),
            r.intAtLeast(t + "max-near-variants", 0),
            r.doubleIn(t + "near-variant-share", 0.0, 1.0),
            r.doubleIn(t + "learning-rate", 1e-12, 10.0),
            r.intAtLeast(t + "warmup-steps", 0),
            r.doubleIn(t + "weight-decay", 0.0, 1.0),
            r.doubleIn(t + "max-grad-norm", 0.0, 1e6),
            r.doubleIn(t + "listwise-weight", 0.0, 1e3),
            r.intAtLeast(t + "max-train-groups", 0),
            r.longValue(t + "seed"),
            r.intAtLeast(t + "log-every", 1),
            r.intAtLeast(t + "report-triples-per-kind", 1));
    if (training.maxNearVariants() >= training.groupSize()) {
      r.problem(t + "max-near-variants", training.maxNearVariants(),
          "must be less than group-size (" + training.groupSize() + ")");
    }
    if (training.warmupSteps() > training.steps()) {
      r.problem(t + "warmup-steps", training.warmupSteps(), "must not exceed steps (" + training.steps() + ")");
    }
    return new JudgeSettings(
        r.string("unime.judge.uri"),
        r.intAtLeast("unime.judge.batch-size", 1),
        r.intAtLeast("unime.judge.partitions", 1),
        r.longAtLeast("unime.judge.commit-pairs", 0),
        architecture,
        training);
  }
}
