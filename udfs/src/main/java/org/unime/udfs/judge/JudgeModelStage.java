package org.unime.udfs.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.JudgeSettings;
import org.unime.conf.ModelSettings;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.EmbeddingModels;
import org.unime.udfs.embed.ItemTables;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;

/**
 * The judge part of the {@code models} command, on the driver: read the pinned ingest tables, train the built-in
 * mini-MLLM judge on the train split on top of the frozen stage-1 embedder (written by the embedder stage just
 * before), save it, reload it from disk and compare it with the embedder on held-out near variants (the judge is
 * the teacher: it must tell a positive from its skin-tone / gender / x-off variant better than cosine does).
 */
public final class JudgeModelStage {
  private static final Logger LOG = LoggerFactory.getLogger(JudgeModelStage.class);
  /** Splits the comparison runs on, held-out first. */
  static final List<String> SPLITS = List.of("eval-unseen-concept", "eval-unseen-vendor", "train");

  private JudgeModelStage() {}

  /**
   * Judge vs embedder on one split's (query, positive, near variant) triples.
   *
   * @param judgeOnly triples only the judge got right; {@code embedderOnly} the reverse (McNemar's discordant pairs)
   */
  public record Comparison(
      String split, PairwiseEvaluation.Result judge, PairwiseEvaluation.Result embedder, int judgeOnly,
      int embedderOnly) {
    public double mcNemarP() {
      return PairwiseEvaluation.mcNemarP(judgeOnly, embedderOnly);
    }
  }

  /** What the stage produced. */
  public record Outcome(
      ModelArtifact artifact, JudgeTrainer.Result training, List<Comparison> comparisons, double seconds) {
    /** The section of {@code models.md}. */
    public String markdown() {
      StringBuilder md = new StringBuilder("## Built-in judge (mini-MLLM)\n\n");
      md.append(String.format(Locale.ROOT,
          "- artifact: %s (version %s)%n- trained: %d steps on %d groups in %.0f s (%.0f pairs/s), loss %.4f -> %.4f%n"
              + "- wall time (train + save + compare): %.0f s%n%n",
          artifact.uri(), artifact.manifest().version().substring(0, 12), training.summary().steps(),
          training.groups(), training.summary().seconds(), training.pairsPerSecond(), training.summary().firstLoss(),
          training.summary().lastLoss(), seconds));
      md.append("Pairwise accuracy: a (query, positive, near variant) triple is right when the scorer ranks the"
          + " positive above the variant (judge: P(Yes); embedder: cosine).\n\n");
      md.append("| split | kind | triples | judge | embedder | judge-only / embedder-only (McNemar p) |\n"
          + "|---|---|---:|---:|---:|---|\n");
      for (Comparison c : comparisons) {
        md.append(String.format(Locale.ROOT, "| %s | all | %d | %.3f ± %.3f | %.3f ± %.3f | %d / %d (p=%.2g) |%n",
            c.split(), c.judge().total(), c.judge().accuracy(), c.judge().ci95(), c.embedder().accuracy(),
            c.embedder().ci95(), c.judgeOnly(), c.embedderOnly(), c.mcNemarP()));
        for (NearVariant kind : NearVariant.values()) {
          int[] n = c.judge().byKind().get(kind);
          if (n != null && n[1] > 0) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | |%n", c.split(), kind.wireName(),
                n[1], c.judge().accuracy(kind), c.embedder().accuracy(kind)));
          }
        }
      }
      return md.toString();
    }
  }

  /** Trains, saves, reloads and compares the built-in judge. */
  public static Outcome run(ItemTables tables, JudgeSettings judge, ModelSettings models) {
    long start = System.nanoTime();
    List<CorpusItem> candidates = JudgeCorpusRows.collect(tables.candidateRows());
    List<CorpusItem> queries = JudgeCorpusRows.collect(tables.queryRows());
    ModelArtifact embedder =
        judge.architecture().embedderFeatures() ? ModelArtifact.open(models.embedder().uri()) : null;
    JudgeTrainer.Result training =
        JudgeTrainer.train(candidates, queries, trainingSettings(judge), ModelArtifact.localPath(judge.uri())
            .normalize().toString(), tables.versions(), embedder);
    DeviceSpec device = DeviceSpec.parse(models.device());
    List<Comparison> comparisons = new ArrayList<>();
    JudgeCorpus corpus = new JudgeCorpus(candidates, queries);
    try (MiniJudge trained = MiniJudge.load(training.artifact(), device, judge.batchSize());
        EmbeddingModel baseline =
            EmbeddingModels.open(models.embedder().uri(), device, models.embedder().inferenceBatchSize())) {
      PairScorer judgeScorer = PairScorer.of(trained);
      PairScorer cosine = new EmbedderPairScorer(baseline);
      for (String split : SPLITS) {
        List<PairwiseEvaluation.Case> cases =
            PairwiseEvaluation.cases(corpus, split, judge.training().reportTriplesPerKind(), judge.training().seed());
        if (cases.isEmpty()) {
          continue;
        }
        PairwiseEvaluation.Result j = PairwiseEvaluation.evaluate(cases, split, judgeScorer);
        PairwiseEvaluation.Result e = PairwiseEvaluation.evaluate(cases, split, cosine);
        int[] discordant = PairwiseEvaluation.discordant(j, e);
        Comparison c = new Comparison(split, j, e, discordant[0], discordant[1]);
        LOG.info("Judge vs embedder on {}: {} vs {} over {} triples (McNemar p={})", split,
            String.format(Locale.ROOT, "%.3f", j.accuracy()), String.format(Locale.ROOT, "%.3f", e.accuracy()),
            j.total(), String.format(Locale.ROOT, "%.2g", c.mcNemarP()));
        comparisons.add(c);
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Comparison c : comparisons) {
      metrics.put("pairwise/" + c.split() + "/judge", c.judge().accuracy());
      metrics.put("pairwise/" + c.split() + "/embedder", c.embedder().accuracy());
    }
    ModelArtifact artifact = training.artifact().withMetrics(metrics);
    return new Outcome(artifact, training, comparisons, (System.nanoTime() - start) / 1e9);
  }

  /** The trainer's settings from {@code unime.judge.*}; the vocabulary size is set by the trainer. */
  static JudgeTrainingSettings trainingSettings(JudgeSettings judge) {
    JudgeSettings.Architecture a = judge.architecture();
    JudgeSettings.Training t = judge.training();
    MiniJudgeConfig architecture =
        new MiniJudgeConfig(a.dim(), a.heads(), a.layers(), a.ffnDim(), a.maxPositions(), a.imageSize(),
            a.patchSize(), a.maxTextTokens(), a.colourBins(), 0, 2);
    return new JudgeTrainingSettings(
        architecture, t.steps(), t.groupsPerStep(), t.groupSize(), t.maxNearVariants(), t.learningRate(),
        t.warmupSteps(), t.weightDecay(), t.maxGradNorm(), t.listwiseWeight(), t.maxTrainGroups(),
        t.nearVariantShare(), t.seed(), t.logEvery());
  }
}
