package org.unime.udfs.rerank;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.pipeline.rerank.MinedQuery;
import org.unime.pipeline.rerank.RerankExampleFactory;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.CorpusItem;
import org.unime.udfs.judge.JudgeItem;
import org.unime.udfs.judge.MiniJudgeEncoder;
import org.unime.udfs.judge.MiniJudgeVocabulary;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelManifest;
import org.unime.udfs.train.TrainingConfig;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingSummary;

/**
 * Trains the built-in reranker (spec §6) from mined queries and writes it as a model artifact. Spark-free: the
 * caller (a jobs command) reads the {@code hard_negatives} table (one {@link MinedQuery} per row) and the
 * {@code queries} and {@code candidates} rows those name, and passes them here; training runs in this JVM through
 * the shared {@link TrainingLoop}.
 *
 * <p>Rows are used as given (the hard negatives are mined on the training split). A negative whose row is missing
 * (e.g. rejected by ingest) is dropped; a query whose own row or positive is missing, or that has no usable
 * negative left, is skipped; both are counted in the log and the result.
 */
public final class RerankerTrainer {
  /** Artifact id of the built-in reranker. */
  public static final String MODEL_ID = "mini-reranker";

  private static final Logger LOG = LoggerFactory.getLogger(RerankerTrainer.class);

  private RerankerTrainer() {}

  /**
   * What a training run produced.
   *
   * @param artifact the written artifact
   * @param summary the loop's summary (first and last logging window's loss, seconds, queries per second)
   * @param queries mined queries trained on
   * @param skippedQueries mined queries left out (missing rows or no usable negative)
   */
  public record Result(ModelArtifact artifact, TrainingSummary summary, int queries, int skippedQueries) {}

  /**
   * Trains and writes the artifact.
   *
   * @param mined the {@code hard_negatives} rows
   * @param items the query and candidate rows they name (others are ignored)
   * @param artifactUri where to write (local path or {@code file:} URI); replaced atomically
   * @param trainingData Delta table path to the table version read, recorded in the manifest
   * @param embedder the stage-1 embedder's artifact, whose frozen item vectors the reranker reads (one position per
   *     item and a cosine prior per answer) and which is copied into the reranker's artifact; null for none
   */
  public static Result train(List<MinedQuery> mined, Collection<CorpusItem> items, RerankerTrainingSettings settings,
      String artifactUri, Map<String, Long> trainingData, ModelArtifact embedder) {
    Map<String, JudgeItem> byId = new HashMap<>(items.size() * 2);
    Map<String, String> texts = new HashMap<>(items.size() * 2);
    for (CorpusItem item : items) {
      byId.put(item.id(), item.toJudgeItem());
      if (item.text() != null) {
        texts.put(item.id(), item.text());
      }
    }
    RerankExampleFactory factory = RerankExampleFactory.create(settings.data());
    List<MinedQuery> usable = usableQueries(mined, byId, factory);
    int skipped = mined.size() - usable.size();
    if (usable.size() < settings.queriesPerStep()) {
      throw new IllegalArgumentException(
          "Cannot train the reranker: " + usable.size() + " of " + mined.size() + " mined queries are usable (their"
              + " rows exist and they have a negative), fewer than queries-per-step (got " + settings.queriesPerStep()
              + "); run mining first or pass the rows the hard negatives name");
    }
    Set<String> used = idsOf(usable);
    List<String> vocabularyTexts = new ArrayList<>(RerankerPrompt.fixedTexts(settings.architecture().maxCandidates()));
    used.stream().map(texts::get).filter(t -> t != null).forEach(vocabularyTexts::add);
    MiniJudgeVocabulary vocabulary = MiniJudgeEncoder.vocabularyOf(vocabularyTexts);
    LOG.info("Reranker training: {} mined queries ({} skipped), {} items, vocabulary {}", usable.size(), skipped,
        used.size(), vocabulary.size());
    try (EmbeddingModel frozen = embedder == null ? null : BuiltInEmbedder.load(embedder, DeviceSpec.CPU, 256)) {
      RerankerConfig architecture = settings.architecture().withBackbone(
          settings.architecture().backbone().withVocabSize(vocabulary.size())
              .withEmbedderDim(frozen == null ? 0 : frozen.dimension()));
      Map<String, float[]> vectors = frozen == null ? null : vectors(used, byId, frozen);
      try (NDManager root = NDManager.newBaseManager("PyTorch");
          RerankerNet net = RerankerNet.initialise(architecture, root, settings.seed());
          RerankerEncoder encoder = new RerankerEncoder(architecture, vocabulary, frozen);
          TrainingLoop loop = TrainingLoop.create(loopConfig(settings),
              new RerankerTrainingTask(net, encoder, usable, byId, vectors, factory))) {
        TrainingSummary summary = loop.trainToEnd();
        ModelArtifact artifact = ModelArtifact.write(artifactUri,
                ModelManifest.draft(MODEL_ID, architecture(architecture, settings), trainingData),
                dir -> RerankerModel.save(net, vocabulary, embedder, dir))
            .withMetrics(Map.of(
                "train/queries", (double) usable.size(),
                "train/steps", (double) summary.steps(),
                "train/seconds", summary.seconds(),
                "train/first-loss", summary.firstLoss(),
                "train/final-loss", summary.lastLoss()));
        LOG.info("Reranker trained in {} s, loss {} -> {}; written to {}", String.format("%.1f", summary.seconds()),
            String.format("%.4f", summary.firstLoss()), String.format("%.4f", summary.lastLoss()), artifactUri);
        return new Result(artifact, summary, usable.size(), skipped);
      }
    }
  }

  /** Queries whose rows exist, with missing negatives dropped, that still have a usable negative. */
  static List<MinedQuery> usableQueries(
      List<MinedQuery> mined, Map<String, ?> items, RerankExampleFactory factory) {
    List<MinedQuery> out = new ArrayList<>(mined.size());
    for (MinedQuery q : mined) {
      if (!items.containsKey(q.queryId()) || !items.containsKey(q.positiveId())) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      for (int i = 0; i < q.negativeIds().size(); i++) {
        if (items.containsKey(q.negativeIds().get(i))) {
          ids.add(q.negativeIds().get(i));
          scores.add(q.negativeScores().get(i));
        }
      }
      MinedQuery kept = new MinedQuery(q.queryId(), q.positiveId(), ids, scores);
      if (factory.canBuild(kept)) {
        out.add(kept);
      }
    }
    return out;
  }

  private static Set<String> idsOf(List<MinedQuery> queries) {
    Set<String> ids = new LinkedHashSet<>();
    for (MinedQuery q : queries) {
      ids.add(q.queryId());
      ids.add(q.positiveId());
      ids.addAll(q.negativeIds());
    }
    return ids;
  }

  private static TrainingConfig loopConfig(RerankerTrainingSettings s) {
    return TrainingConfig.builder(s.queriesPerStep(), s.steps(), s.learningRate())
        .withWarmupSteps(s.warmupSteps())
        .withWeightDecay(s.weightDecay())
        .withMaxGradNorm(s.maxGradNorm())
        .withSeed(s.seed())
        .withLogEvery(s.logEvery())
        .build();
  }

  /** The network's architecture plus how its data was built (provenance; part of the content version). */
  private static Map<String, String> architecture(RerankerConfig config, RerankerTrainingSettings s) {
    Map<String, String> m = new LinkedHashMap<>(config.toArchitecture());
    m.put("data.negative-choice", s.data().negativeChoice().wireName());
    m.put("data.list-size", Integer.toString(s.data().listSize()));
    m.put("data.positions", s.data().positions().wireName());
    m.put("data.loss-weights", s.data().pairwiseWeight() + ":" + s.data().listwiseWeight());
    return m;
  }

  /** The embedder's vector of every used row, in one batched pass. */
  private static Map<String, float[]> vectors(Set<String> ids, Map<String, JudgeItem> items, EmbeddingModel embedder) {
    List<String> order = List.copyOf(ids);
    float[][] v = embedder.embed(order.stream().map(id -> items.get(id).toEmbeddingInput()).toList());
    Map<String, float[]> out = new HashMap<>(order.size() * 2);
    for (int i = 0; i < v.length; i++) {
      out.put(order.get(i), v[i]);
    }
    return out;
  }
}
