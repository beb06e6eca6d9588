package org.unime.conf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.unime.pipeline.rerank.NegativeChoice;
import org.unime.pipeline.rerank.PositionDistribution;
import org.unime.pipeline.rerank.RerankMode;
import org.unime.pipeline.rerank.RerankSettings;

/**
 * The reranker ({@code unime.reranker.*}, spec §6, docs/reranker.md): which artifact reranks, how the {@code rerank}
 * command runs it on the held-out queries, and how the {@code reranker} command trains the built-in one.
 *
 * @param uri the reranker artifact
 * @param batchSize pairwise prompts per forward pass
 * @param partitions Spark partitions the top-k rows are grouped into (by query); 0 = spark.sql.shuffle.partitions
 * @param topK the k of the embedder's top-k that is reranked, ascending, each run once per mode
 * @param modes readouts run for each k
 * @param table Delta table of the reranked top-k (one slice per mode and k)
 * @param heldOutSets held-out query sets reranked and reported (names from {@link TrainingSettings#HELD_OUT_SETS})
 * @param maxQueriesPerDataset held-out queries kept per (set, dataset) by a stable hash of the id; 0 = all
 * @param architecture shape of the built-in reranker
 * @param data how its training examples are built and its two losses weighed
 * @param training how it is trained
 */
public record RerankerSettings(
    String uri,
    int batchSize,
    int partitions,
    List<Integer> topK,
    List<RerankMode> modes,
    String table,
    List<String> heldOutSets,
    int maxQueriesPerDataset,
    Architecture architecture,
    RerankSettings data,
    Training training)
    implements Serializable {

  public RerankerSettings {
    topK = List.copyOf(topK);
    modes = List.copyOf(modes);
    heldOutSets = List.copyOf(heldOutSets);
  }

  /**
   * Shape of the built-in reranker: the judge's decoder family (docs/judge.md §2) with a head over Yes, No and
   * "(1)".."(maxCandidates)".
   *
   * @param maxCandidates the longest list a listwise prompt answers over
   * @param embedderFeatures whether the reranker reads the frozen stage-1 embedder's item vectors and cosine
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
      int maxCandidates,
      boolean embedderFeatures)
      implements Serializable {}

  /**
   * Training of the built-in reranker; see reference.conf {@code unime.reranker.training} for each value's meaning.
   *
   * @param hardNegativesVersion Delta version of the hard-negatives table to train on; -1 = the latest at start
   */
  public record Training(
      int steps,
      int queriesPerStep,
      double learningRate,
      int warmupSteps,
      double weightDecay,
      double maxGradNorm,
      long seed,
      int logEvery,
      long hardNegativesVersion)
      implements Serializable {}

  static RerankerSettings from(ConfigReader r) {
    String p = "unime.reranker.";
    Architecture architecture = architecture(r, p + "architecture.");
    RerankSettings data = data(r, p + "data.", architecture.maxCandidates());
    Training training = training(r, p + "training.");
    List<Integer> topK = ascendingInts(r, p + "top-k");
    List<RerankMode> modes = new ArrayList<>();
    for (String raw : r.stringList(p + "modes")) {
      RerankMode mode = parse(r, p + "modes", raw);
      if (mode != null && !modes.contains(mode)) {
        modes.add(mode);
      }
    }
    if (modes.isEmpty()) {
      r.problem(p + "modes", r.stringList(p + "modes"), "must name at least one of listwise, pairwise");
    }
    int largest = topK.isEmpty() ? 0 : topK.get(topK.size() - 1);
    if (modes.contains(RerankMode.LISTWISE) && largest > architecture.maxCandidates()) {
      r.problem(p + "top-k", topK, "must not exceed architecture.max-candidates (" + architecture.maxCandidates()
          + ") when modes has listwise: the head answers over at most that many candidates");
    }
    List<String> sets = r.stringList(p + "held-out-sets");
    for (String set : sets) {
      if (!TrainingSettings.HELD_OUT_SETS.contains(set)) {
        r.problem(p + "held-out-sets", set, "is not a known held-out set; expected some of "
            + TrainingSettings.HELD_OUT_SETS);
      }
    }
    for (String key : new String[] {"uri", "table"}) {
      if (r.string(p + key).isBlank()) {
        r.problem(p + key, "", "must name a folder");
      }
    }
    return new RerankerSettings(
        r.string(p + "uri"),
        r.intAtLeast(p + "batch-size", 1),
        r.intAtLeast(p + "partitions", 0),
        topK,
        modes,
        r.string(p + "table"),
        sets,
        r.intAtLeast(p + "max-queries-per-dataset", 0),
        architecture,
        data,
        training);
  }

  private static Architecture architecture(ConfigReader r, String a) {
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
            r.intAtLeast(a + "max-candidates", 2),
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
    if (architecture.maxCandidates() > 99) {
      r.problem(a + "max-candidates", architecture.maxCandidates(), "must be at most 99");
    }
    return architecture;
  }

  private static RerankSettings data(ConfigReader r, String d, int maxCandidates) {
    NegativeChoice choice = r.enumValue(d + "negative-choice", NegativeChoice.class, NegativeChoice::wireName);
    PositionDistribution positions =
        r.enumValue(d + "positions", PositionDistribution.class, PositionDistribution::wireName);
    int listSize = r.intAtLeast(d + "list-size", 1);
    if (listSize + 1 > maxCandidates) {
      r.problem(d + "list-size", listSize, "must be less than architecture.max-candidates (" + maxCandidates
          + "): a training list holds list-size negatives plus the positive");
    }
    double pairwise = r.doubleIn(d + "pairwise-weight", 0.0, 1e3);
    double listwise = r.doubleIn(d + "listwise-weight", 0.0, 1e3);
    if (pairwise + listwise == 0) {
      r.problem(d + "listwise-weight", listwise, "and pairwise-weight must not both be 0");
      listwise = 1.0;
    }
    return new RerankSettings(choice, listSize, positions, pairwise, listwise);
  }

  private static Training training(ConfigReader r, String t) {
    Training training =
        new Training(
            r.intAtLeast(t + "steps", 1),
            r.intAtLeast(t + "queries-per-step", 1),
            r.doubleIn(t + "learning-rate", 1e-12, 10.0),
            r.intAtLeast(t + "warmup-steps", 0),
            r.doubleIn(t + "weight-decay", 0.0, 1.0),
            r.doubleIn(t + "max-grad-norm", 0.0, 1e6),
            r.longValue(t + "seed"),
            r.intAtLeast(t + "log-every", 1),
            r.longValue(t + "hard-negatives-version"));
    if (training.warmupSteps() > training.steps()) {
      r.problem(t + "warmup-steps", training.warmupSteps(), "must not exceed steps (" + training.steps() + ")");
    }
    if (training.hardNegativesVersion() < -1) {
      r.problem(t + "hard-negatives-version", training.hardNegativesVersion(),
          "must be a Delta version >= 0, or -1 for the latest");
    }
    return training;
  }

  /** A non-empty ascending list of integers >= 1 without repeats. */
  private static List<Integer> ascendingInts(ConfigReader r, String key) {
    List<Integer> out = new ArrayList<>();
    for (String raw : r.stringList(key)) {
      try {
        out.add(Integer.parseInt(raw.trim()));
      } catch (NumberFormatException e) {
        r.problem(key, raw, "must be a list of integers");
      }
    }
    if (out.isEmpty() || out.get(0) < 1 || !out.equals(out.stream().distinct().sorted().toList())) {
      r.problem(key, out, "must be a non-empty ascending list of integers >= 1 without repeats");
    }
    return out;
  }

  private static RerankMode parse(ConfigReader r, String key, String raw) {
    try {
      return RerankMode.parse(raw.trim());
    } catch (IllegalArgumentException e) {
      r.problem(key, raw, "must hold only listwise or pairwise");
      return null;
    }
  }
}
