package org.unime.udfs.embed;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.conf.ModelSettings;
import org.unime.udfs.delta.ItemSchema;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.train.TrainingConfig;

/**
 * The embedder part of the {@code models} command, on the driver: read the train split, pretrain the built-in
 * embedder, save its artifact, reload it from disk and measure it on the held-out splits, then write the metrics into
 * the manifest. Metrics (all image → text, top-1 over the pool of {@link ItemTables#textPool}):
 *
 * <ul>
 *   <li>{@code i2t-r1/eval-unseen-concept}: emoji/icon concepts never trained on (and per dataset);
 *   <li>{@code i2t-r1/eval-unseen-vendor}: Twitter emoji (training used Google's artwork only);
 *   <li>{@code p1/fashion-mnist-test}: Fashion-MNIST t10k classification as retrieval over the 10 class names.
 * </ul>
 */
public final class EmbedderStage {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedderStage.class);

  private EmbedderStage() {}

  /**
   * What the stage produced.
   *
   * @param artifact the saved artifact, with metrics in its manifest
   * @param training the training run
   * @param metrics held-out results, in report order
   * @param seconds wall time of the whole stage
   */
  public record Outcome(
      ModelArtifact artifact, EmbedderTrainer.Result training, List<RetrievalEvaluator.Result> metrics, double seconds) {

    /** A Markdown section for the models report. */
    public String markdown() {
      StringBuilder md = new StringBuilder();
      md.append("## Built-in embedder\n\n")
          .append("- artifact: `").append(artifact.dir().toAbsolutePath().normalize()).append("`\n")
          .append("- version: `").append(artifact.manifest().version()).append("`\n")
          .append("- architecture: ").append(artifact.manifest().architecture()).append("\n")
          .append("- training data (Delta versions): ").append(artifact.manifest().trainingData()).append("\n")
          .append(String.format(
              "- training: %d examples, %d steps, loss %.3f → %.3f, %.0f samples/s, %.0f s (+ %.0f s preparing inputs)%n",
              training.examples(), training.summary().steps(), training.summary().firstLoss(),
              training.summary().lastLoss(), training.summary().samplesPerSecond(), training.summary().seconds(),
              training.prepareSeconds()))
          .append(String.format("- stage wall time: %.0f s%n%n", seconds))
          .append("| metric | queries | pool | R@1 / P@1 | chance (1/pool) |\n|---|---:|---|---:|---:|\n");
      for (RetrievalEvaluator.Result r : metrics) {
        md.append(String.format(
            "| %s | %d | %d (%s) | %.3f | %.4f |%n", r.name(), r.queries(), r.poolSize(), r.poolDescription(),
            r.recallAt1(), r.chance()));
      }
      return md.toString();
    }
  }

  /** Trains, saves, reloads and evaluates the built-in embedder. */
  public static Outcome run(ItemTables tables, ModelSettings settings) {
    long start = System.nanoTime();
    ModelSettings.Embedder s = settings.embedder();
    DeviceSpec device = DeviceSpec.parse(settings.device());
    List<LabeledQuery> trainQueries = tables.queries(split("train"), s.maxTrainQueriesPerGroup());
    // Only candidates some kept query points at take part in in-batch InfoNCE; the rest would cost MiniLM time.
    java.util.Set<String> positives = new java.util.HashSet<>();
    trainQueries.forEach(q -> positives.addAll(q.positiveIds()));
    List<EmbeddingInput> trainCandidates =
        tables.candidates(split("train")).stream().filter(c -> positives.contains(c.id())).toList();
    EmbedderTrainer.Result training =
        EmbedderTrainer.train(
            trainQueries, trainCandidates, options(s), device, s.inferenceBatchSize(),
            Optional.of(ModelArtifact.localPath(settings.dir()).resolve("cache").resolve("text-features.bin")));
    ModelArtifact artifact;
    try (BuiltInEmbedder trained = training.model()) {
      artifact = trained.save(ModelArtifact.localPath(s.uri()).normalize().toString(), tables.versions());
    }
    LOG.info("Saved the embedder to {} (version {})", artifact.uri(), artifact.manifest().version());

    List<RetrievalEvaluator.Result> metrics = new ArrayList<>();
    try (BuiltInEmbedder model = BuiltInEmbedder.load(artifact, device, s.inferenceBatchSize())) {
      List<LabeledQuery> unseenConcept = tables.queries(split("eval-unseen-concept").and(imageQuery()), 0);
      metrics.add(evaluate("i2t-r1/eval-unseen-concept", model, tables, unseenConcept));
      for (String dataset : unseenConcept.stream().map(LabeledQuery::dataset).distinct().sorted().toList()) {
        List<LabeledQuery> subset = unseenConcept.stream().filter(q -> q.dataset().equals(dataset)).toList();
        metrics.add(evaluate("i2t-r1/eval-unseen-concept/" + dataset, model, tables, subset));
      }
      metrics.add(
          evaluate("i2t-r1/eval-unseen-vendor", model, tables, tables.queries(split("eval-unseen-vendor").and(imageQuery()), 0)));
      metrics.add(
          evaluate(
              "p1/fashion-mnist-test", model, tables,
              tables.queries(split("test").and(col(ItemSchema.DATASET).equalTo("fashion-mnist")), 0)));
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (RetrievalEvaluator.Result r : metrics) {
      values.put(r.name(), r.recallAt1());
      values.put(r.name() + "/chance", r.chance());
    }
    values.put("train/loss-first", training.summary().firstLoss());
    values.put("train/loss-last", training.summary().lastLoss());
    values.put("train/samples-per-second", training.summary().samplesPerSecond());
    artifact = artifact.withMetrics(values);
    return new Outcome(artifact, training, metrics, (System.nanoTime() - start) / 1e9);
  }

  static EmbedderTrainingOptions options(ModelSettings.Embedder s) {
    TrainingConfig training =
        TrainingConfig.builder(s.batchSize(), s.steps(), s.learningRate())
            .withWarmupSteps(s.warmupSteps())
            .withWeightDecay(s.weightDecay())
            .withMaxGradNorm(s.maxGradNorm())
            .withSeed(s.seed())
            .withLogEvery(s.logEvery())
            .build();
    return new EmbedderTrainingOptions(
        EmbedderArchitecture.standard(s.dimension(), s.imageSize()), s.temperature(), training,
        s.imageAugmentation() == ModelSettings.ImageAugmentation.SHIFT_AND_COLOR);
  }

  private static RetrievalEvaluator.Result evaluate(
      String name, EmbeddingModel model, ItemTables tables, List<LabeledQuery> queries) {
    if (queries.isEmpty()) {
      return new RetrievalEvaluator.Result(name, 0, 0, 0, "no queries", 0);
    }
    ItemTables.Pool pool = tables.textPool(queries);
    RetrievalEvaluator.Result r = RetrievalEvaluator.recallAt1(name, model, queries, pool.items(), pool.description());
    LOG.info(
        "{}: {} over {} queries, pool {} ({}), chance {}", name, String.format("%.3f", r.recallAt1()), r.queries(),
        r.poolSize(), r.poolDescription(), String.format("%.4f", r.chance()));
    return r;
  }

  private static Column split(String split) {
    return col(ItemSchema.SPLIT).equalTo(split);
  }

  private static Column imageQuery() {
    return col(ItemSchema.MODALITY).equalTo("image-text");
  }
}
