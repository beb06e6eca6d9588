package org.unime.udfs.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbedderArchitecture;
import org.unime.udfs.embed.EmbedderTrainer;
import org.unime.udfs.embed.EmbedderTrainingOptions;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.embed.EmbeddingModels;
import org.unime.udfs.embed.LabeledQuery;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.train.TrainingConfig;

/**
 * Judge vs embedder on held-out near variants (not a unit test; run by {@code scripts/bench-judge.sh pairwise}).
 * Reads the installed emoji and icon data Spark-free (same readers, ids and splits as ingest), trains the built-in
 * embedder on the training split with the reference.conf values (or loads one), trains the mini judge on the same
 * split on top of that frozen embedder (or loads one), then scores the same (query, positive, near variant) triples
 * with both: the judge by P(Yes), the embedder by cosine similarity. Writes JSON and prints a Markdown table.
 *
 * <p>Arguments: {@code <out.json> <judge-steps> [icons-per-set] [judge-uri|-] [embedder-uri|-] [embedder-steps]
 * [max-triples-per-kind]}.
 */
public final class JudgePairwiseReport {
  private static final List<String> SPLITS = List.of("eval-unseen-concept", "eval-unseen-vendor", "train");

  private JudgePairwiseReport() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/judge-pairwise.json");
    int judgeSteps = args.length > 1 ? Integer.parseInt(args[1]) : 1200;
    int icons = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    String judgeUri = args.length > 3 ? args[3] : "-";
    String embedderUri = args.length > 4 ? args[4] : "-";
    int embedderSteps = args.length > 5 ? Integer.parseInt(args[5]) : 700;
    int perKind = args.length > 6 ? Integer.parseInt(args[6]) : 1000;

    long t0 = System.nanoTime();
    RealData data = RealData.load(base -> true, icons, icons);
    JudgeCorpus corpus = new JudgeCorpus(data.candidates, data.queries);
    System.out.printf(Locale.ROOT, "Loaded %d candidates and %d queries in %.1f s%n", data.candidates.size(),
        data.queries.size(), (System.nanoTime() - t0) / 1e9);

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("created", Instant.now().toString());
    json.put("cpu_cores", Runtime.getRuntime().availableProcessors());
    json.put("data", "emoji (all) + tabler/mdi (" + (icons == 0 ? "all" : "first " + icons) + " icons each)");
    Path work = Files.createTempDirectory("judge-report");
    ModelArtifact embedderArtifact = embedder(data, embedderUri, embedderSteps, json, work);
    ModelArtifact judgeArtifact;
    if (judgeUri.equals("-")) {
      JudgeTrainer.Result trained =
          JudgeTrainer.train(data.candidates, data.queries, JudgeReportSettings.judge(judgeSteps),
              work.resolve("judge").toString(), Map.of(), embedderArtifact);
      judgeArtifact = trained.artifact();
      json.put("judge_training_seconds", trained.summary().seconds());
      json.put("judge_training_pairs_per_second", trained.pairsPerSecond());
      json.put("judge_training_steps", trained.summary().steps());
      json.put("judge_training_groups", trained.groups());
      json.put("judge_loss_first_last", List.of(trained.summary().firstLoss(), trained.summary().lastLoss()));
    } else {
      judgeArtifact = ModelArtifact.open(judgeUri);
    }
    json.put("judge_artifact", judgeArtifact.uri());
    try (MiniJudge judge = MiniJudge.load(judgeArtifact, DeviceSpec.CPU, 64);
        EmbeddingModel embedder = EmbeddingModels.open(embedderArtifact.uri(), DeviceSpec.CPU, 256)) {
      json.put("judge", judge.id() + "@" + shortVersion(judge.version()));
      json.put("embedder", embedder.id() + "@" + shortVersion(embedder.version()));
      PairScorer judgeScorer = PairScorer.of(judge);
      PairScorer cosine = new CosineScorer(embedder);
      List<Map<String, Object>> rows = new ArrayList<>();
      StringBuilder table = new StringBuilder();
      table.append("| split | kind | triples | judge P(Yes) acc | embedder cosine acc | judge-only / embedder-only"
          + " wins (McNemar p) |\n|---|---|---|---|---|---|\n");
      for (String split : SPLITS) {
        List<PairwiseEvaluation.Case> cases = PairwiseEvaluation.cases(corpus, split, perKind, 7);
        PairwiseEvaluation.Result j = PairwiseEvaluation.evaluate(cases, split, judgeScorer);
        PairwiseEvaluation.Result e = PairwiseEvaluation.evaluate(cases, split, cosine);
        int[] discordant = PairwiseEvaluation.discordant(j, e);
        double p = PairwiseEvaluation.mcNemarP(discordant[0], discordant[1]);
        Map<String, Object> all = row(split, "all", j.total(), j.accuracy(), j.ci95(), e.accuracy(), e.ci95());
        all.put("judge_only_correct", discordant[0]);
        all.put("embedder_only_correct", discordant[1]);
        all.put("mcnemar_p", p);
        rows.add(all);
        table.append(String.format(Locale.ROOT, "| %s | all | %d | %.3f ± %.3f | %.3f ± %.3f | %d / %d (p=%.2g) |%n",
            split, j.total(), j.accuracy(), j.ci95(), e.accuracy(), e.ci95(), discordant[0], discordant[1], p));
        for (NearVariant kind : NearVariant.values()) {
          int[] n = j.byKind().get(kind);
          if (n != null) {
            rows.add(row(split, kind.wireName(), n[1], j.accuracy(kind), Double.NaN, e.accuracy(kind), Double.NaN));
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | |%n", split, kind.wireName(),
                n[1], j.accuracy(kind), e.accuracy(kind)));
          }
        }
      }
      json.put("results", rows);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, JudgeReportSettings.toJson(json), StandardCharsets.UTF_8);
      System.out.println(JudgeReportSettings.toJson(json));
      System.out.println(table);
    }
  }

  private static String shortVersion(String version) {
    return version.substring(0, Math.min(12, version.length()));
  }

  private static Map<String, Object> row(
      String split, String kind, int triples, double judge, double judgeCi, double embedder, double embedderCi) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("split", split);
    m.put("kind", kind);
    m.put("triples", triples);
    m.put("judge_accuracy", judge);
    if (!Double.isNaN(judgeCi)) {
      m.put("judge_ci95", judgeCi);
    }
    m.put("embedder_accuracy", embedder);
    if (!Double.isNaN(embedderCi)) {
      m.put("embedder_ci95", embedderCi);
    }
    return m;
  }

  /** The embedder's artifact: the one at {@code uri}, or one trained here with the reference.conf values. */
  private static ModelArtifact embedder(
      RealData data, String uri, int steps, Map<String, Object> json, Path work) {
    if (!uri.equals("-")) {
      return ModelArtifact.open(uri);
    }
    List<EmbeddingInput> candidates = new ArrayList<>();
    for (CorpusItem c : data.candidates) {
      if (c.split().equals(JudgeTrainer.TRAIN_SPLIT)) {
        candidates.add(new EmbeddingInput(c.id(), c.text(), c.image()));
      }
    }
    // The reference.conf embedder: max 8000 queries per (dataset, modality), chosen by id hash.
    Map<String, Integer> perGroup = new HashMap<>();
    List<CorpusItem> train = new ArrayList<>();
    for (CorpusItem q : data.queries) {
      if (q.split().equals(JudgeTrainer.TRAIN_SPLIT) && !q.positiveIds().isEmpty()) {
        train.add(q);
      }
    }
    train.sort(java.util.Comparator.comparingInt(q -> q.id().hashCode()));
    List<LabeledQuery> queries = new ArrayList<>();
    for (CorpusItem q : train) {
      String group = q.dataset() + "/" + q.hasImage();
      if (perGroup.merge(group, 1, Integer::sum) <= 8000) {
        queries.add(new LabeledQuery(new EmbeddingInput(q.id(), q.text(), q.image()), q.dataset(), q.positiveIds()));
      }
    }
    TrainingConfig config =
        TrainingConfig.builder(256, steps, 2e-3).withWarmupSteps(Math.min(50, steps / 10)).withWeightDecay(0.01)
            .withMaxGradNorm(1.0).withSeed(42).withLogEvery(50).build();
    EmbedderTrainingOptions options =
        new EmbedderTrainingOptions(EmbedderArchitecture.standard(128, 32), 0.05, config);
    EmbedderTrainer.Result result = EmbedderTrainer.train(queries, candidates, options, DeviceSpec.CPU, 256);
    json.put("embedder_training_seconds", result.summary().seconds());
    json.put("embedder_training_steps", result.summary().steps());
    try (BuiltInEmbedder model = result.model()) {
      return model.save(work.resolve("embedder").toString(), Map.of());
    }
  }

  /** Cosine similarity of L2-normalised embeddings, each item embedded once. */
  private static final class CosineScorer implements PairScorer {
    private final EmbeddingModel model;
    private final Map<String, float[]> cache = new HashMap<>();

    CosineScorer(EmbeddingModel model) {
      this.model = model;
    }

    @Override
    public String name() {
      return "cosine:" + model.id();
    }

    @Override
    public float[] score(CorpusItem query, List<CorpusItem> candidates) {
      float[] q = vector(query);
      float[] out = new float[candidates.size()];
      for (int i = 0; i < out.length; i++) {
        float[] c = vector(candidates.get(i));
        double dot = 0;
        for (int k = 0; k < q.length; k++) {
          dot += q[k] * c[k];
        }
        out[i] = (float) dot;
      }
      return out;
    }

    private float[] vector(CorpusItem item) {
      return cache.computeIfAbsent(
          item.id(), id -> model.embed(List.of(new EmbeddingInput(id, item.text(), item.image())))[0]);
    }
  }
}
