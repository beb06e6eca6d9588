package org.unime.udfs.judge;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelManifest;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingSummary;

/**
 * Trains the built-in mini-MLLM judge on the training split and writes it as a model artifact. Spark-free: the
 * caller (a jobs command) reads the {@code candidates} and {@code queries} tables, converts rows with
 * {@link JudgeCorpusRows}, and passes them here; training runs in this JVM through the shared
 * {@link TrainingLoop} (AdamW, warm-up + linear decay, clipping, JVM-wide gradient lock).
 *
 * <p>Only rows of the {@code train} split are trained on: queries of other splits are ignored and positives outside
 * the training split are dropped (a training text-to-image emoji query also lists the unseen vendor's image).
 */
public final class JudgeTrainer {
  /** Artifact id of the built-in judge. */
  public static final String MODEL_ID = "mini-judge";
  /** The split trained on. */
  public static final String TRAIN_SPLIT = "train";

  private static final Logger LOG = LoggerFactory.getLogger(JudgeTrainer.class);

  private JudgeTrainer() {}

  /**
   * What a training run produced.
   *
   * @param artifact the written artifact
   * @param summary the loop's summary (losses, seconds, groups per second)
   * @param groups training groups available; {@code pairsPerGroup} candidates are judged per group and step
   */
  public record Result(ModelArtifact artifact, TrainingSummary summary, int groups, int pairsPerGroup) {
    /** Judged (query, candidate) pairs per second of training. */
    public double pairsPerSecond() {
      return summary.samplesPerSecond() * pairsPerGroup;
    }
  }

  /** Trains a judge without an embedder (architecture {@code embedder-dim = 0}); see the full overload. */
  public static Result train(
      List<CorpusItem> candidates, List<CorpusItem> queries, JudgeTrainingSettings settings, String artifactUri,
      Map<String, Long> trainingData) {
    return train(candidates, queries, settings, artifactUri, trainingData, null);
  }

  /**
   * Trains and writes the artifact.
   *
   * @param candidates candidate rows (any splits; only {@code train} ones are used)
   * @param queries query rows (any splits; only {@code train} ones are used)
   * @param artifactUri where to write the artifact (local path or {@code file:} URI); replaced atomically
   * @param trainingData Delta table path to the table version read, recorded in the manifest
   * @param embedder the trained stage-1 embedder's artifact, whose frozen item vectors the judge reads (one
   *     position per item and a cosine prior at the head) and which is copied into the judge's artifact; null for a
   *     judge without one
   */
  public static Result train(
      List<CorpusItem> candidates, List<CorpusItem> queries, JudgeTrainingSettings settings, String artifactUri,
      Map<String, Long> trainingData, ModelArtifact embedder) {
    JudgeCorpus corpus = new JudgeCorpus(onlyTrain(candidates), onlyTrain(queries));
    JudgeGroups groups =
        JudgeGroups.of(corpus, settings.maxTrainGroups(), settings.nearVariantShare(), settings.seed());
    if (groups.size() == 0) {
      throw new IllegalArgumentException(
          "Cannot train the judge: no training query has a positive among the " + corpus.candidates().size()
              + " training candidates; run ingest first or check the split names");
    }
    long withVariants = groups.groups().stream().filter(g -> !g.variants().isEmpty()).count();
    LOG.info("Judge training: {} groups ({} with near variants) from {} queries and {} candidates", groups.size(),
        withVariants, corpus.queries().size(), corpus.candidates().size());
    TrainingConfig config =
        TrainingConfig.builder(settings.groupsPerStep(), settings.steps(), settings.learningRate())
            .withWarmupSteps(settings.warmupSteps())
            .withWeightDecay(settings.weightDecay())
            .withMaxGradNorm(settings.maxGradNorm())
            .withSeed(settings.seed())
            .withLogEvery(settings.logEvery())
            .build();
    MiniJudgeVocabulary vocabulary = MiniJudgeEncoder.vocabularyOf(texts(corpus));
    try (EmbeddingModel frozen = embedder == null ? null : BuiltInEmbedder.load(embedder, DeviceSpec.CPU, 256)) {
      MiniJudgeConfig architecture =
          settings.architecture().withVocabSize(vocabulary.size())
              .withEmbedderDim(frozen == null ? 0 : frozen.dimension());
      Map<String, float[]> vectors = frozen == null ? null : vectors(corpus, groups, frozen);
      try (NDManager root = NDManager.newBaseManager("PyTorch");
          MiniJudgeNet net = MiniJudgeNet.initialise(architecture, root, settings.seed());
          MiniJudgeEncoder encoder = new MiniJudgeEncoder(architecture, vocabulary, frozen);
          TrainingLoop loop =
              TrainingLoop.create(config, new MiniJudgeTrainingTask(net, encoder, groups, settings, vectors))) {
        TrainingSummary summary = loop.trainToEnd();
        ModelArtifact artifact =
            ModelArtifact.write(
                    artifactUri, ModelManifest.draft(MODEL_ID, architecture.toArchitecture(), trainingData),
                    dir -> MiniJudge.save(net, vocabulary, embedder, dir))
                .withMetrics(
                    Map.of(
                        "train/groups", (double) groups.size(),
                        "train/steps", (double) summary.steps(),
                        "train/seconds", summary.seconds(),
                        "train/pairs-per-second", summary.samplesPerSecond() * settings.groupSize(),
                        "train/final-loss", summary.lastLoss()));
        LOG.info("Judge trained in {} s ({} pairs/s), loss {} -> {}; written to {}",
            String.format("%.1f", summary.seconds()), String.format("%.1f", summary.samplesPerSecond()
                * settings.groupSize()), String.format("%.4f", summary.firstLoss()),
            String.format("%.4f", summary.lastLoss()), artifactUri);
        return new Result(artifact, summary, groups.size(), settings.groupSize());
      }
    }
  }

  /**
   * The embedder's vector of every row training can touch, in one batched pass: all training candidates (random
   * negatives are drawn from them per step) but only the queries of the groups kept, because queries are the bulk of
   * the training split (60,000 Fashion-MNIST images alone) and most never enter a group when groups are capped.
   */
  private static Map<String, float[]> vectors(JudgeCorpus corpus, JudgeGroups groups, EmbeddingModel embedder) {
    Map<String, CorpusItem> rows = new java.util.LinkedHashMap<>();
    corpus.candidates().forEach(c -> rows.put(c.id(), c));
    groups.groups().forEach(g -> rows.put(g.query().id(), g.query()));
    List<CorpusItem> items = new ArrayList<>(rows.values());
    float[][] v = embedder.embed(items.stream().map(r -> new EmbeddingInput(r.id(), r.text(), r.image())).toList());
    Map<String, float[]> out = new HashMap<>(items.size() * 2);
    for (int i = 0; i < v.length; i++) {
      out.put(items.get(i).id(), v[i]);
    }
    return out;
  }

  private static List<String> texts(JudgeCorpus corpus) {
    List<String> out = new ArrayList<>();
    corpus.candidates().forEach(c -> addText(c, out));
    corpus.queries().forEach(q -> addText(q, out));
    return out;
  }

  private static void addText(CorpusItem item, List<String> out) {
    if (item.text() != null) {
      out.add(item.text());
    }
  }

  private static List<CorpusItem> onlyTrain(List<CorpusItem> rows) {
    List<CorpusItem> out = new ArrayList<>();
    for (CorpusItem r : rows) {
      if (TRAIN_SPLIT.equals(r.split())) {
        out.add(r);
      }
    }
    return out;
  }
}
