package org.unime.udfs.embed;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.train.TrainingLock;
import org.unime.udfs.train.TrainingLoop;
import org.unime.udfs.train.TrainingSummary;

/**
 * Stage-1 pretraining of the {@link BuiltInEmbedder} on one machine (the driver): computes every input once (MiniLM
 * features of each distinct text, preprocessed images), then runs the {@link TrainingLoop} with in-batch InfoNCE
 * ({@link InBatchInfoNceTask}) over (query, positive) pairs. Each positive id of a query that is among the
 * candidates makes one example; queries whose positives are all missing are skipped and counted.
 */
public final class EmbedderTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedderTrainer.class);

  private EmbedderTrainer() {}

  /**
   * What a training run produced.
   *
   * @param model the trained embedder (version {@code "unsaved"}); the caller closes it
   * @param summary the loop's summary (losses, samples/s)
   * @param examples number of (query, positive) training examples
   * @param skippedQueries queries without any positive among the candidates
   * @param prepareSeconds time spent computing text features and preprocessing images
   */
  public record Result(
      BuiltInEmbedder model, TrainingSummary summary, int examples, int skippedQueries, double prepareSeconds) {}

  /** Trains a fresh embedder; {@code batchSize} is the returned model's inference batch size. */
  public static Result train(
      List<LabeledQuery> queries,
      List<EmbeddingInput> candidates,
      EmbedderTrainingOptions options,
      DeviceSpec device,
      int batchSize) {
    return train(queries, candidates, options, device, batchSize, Optional.empty());
  }

  /**
   * As {@link #train(List, List, EmbedderTrainingOptions, DeviceSpec, int)}, reusing and extending a file of
   * MiniLM text features (only an optimisation: the file is ignored when unreadable or made by another text tower).
   */
  public static Result train(
      List<LabeledQuery> queries,
      List<EmbeddingInput> candidates,
      EmbedderTrainingOptions options,
      DeviceSpec device,
      int batchSize,
      Optional<Path> textFeatureCache) {
    long start = System.nanoTime();
    Map<String, Integer> candidateIndex = new HashMap<>();
    List<EmbeddingInput> items = new ArrayList<>(candidates);
    for (int i = 0; i < candidates.size(); i++) {
      candidateIndex.put(candidates.get(i).id(), i);
    }
    List<Integer> queryItems = new ArrayList<>();
    List<Integer> positiveItems = new ArrayList<>();
    List<int[]> others = new ArrayList<>();
    int skipped = 0;
    for (LabeledQuery query : queries) {
      int[] present = query.positiveIds().stream().filter(candidateIndex::containsKey).mapToInt(candidateIndex::get).toArray();
      if (present.length == 0) {
        skipped++;
        continue;
      }
      int queryItem = items.size();
      items.add(query.query());
      for (int positive : present) {
        queryItems.add(queryItem);
        positiveItems.add(positive);
        others.add(java.util.Arrays.stream(present).filter(p -> p != positive).toArray());
      }
    }
    ImagePreprocessor preprocessor = new ImagePreprocessor(options.architecture().imageSize());
    MiniLmEncoder encoder = MiniLmEncoder.shared();
    Map<String, float[]> stored =
        textFeatureCache.map(f -> TextFeatureStore.read(f, encoder.featureTag())).orElse(Map.of());
    encoder.preload(stored);
    PreparedItems prepared = PreparedItems.prepare(items, preprocessor, encoder, BuiltInEmbedder.MODEL_ID);
    textFeatureCache.ifPresent(f -> store(f, encoder, stored, items, prepared));
    double prepareSeconds = (System.nanoTime() - start) / 1e9;
    LOG.info(
        "Prepared {} items ({} candidates, {} queries) for {} examples in {} s; {} queries had no positive",
        items.size(), candidates.size(), items.size() - candidates.size(), queryItems.size(),
        String.format("%.1f", prepareSeconds), skipped);

    NDManager manager = NDManager.newBaseManager(device.toDevice(), "PyTorch");
    try {
      EmbedderNetwork network = new EmbedderNetwork(options.architecture());
      TrainingLock.initializeSeeded(network, manager, (int) options.training().seed(), network.inputShapes());
      InBatchInfoNceTask task =
          new InBatchInfoNceTask(
              network, prepared, toArray(queryItems), toArray(positiveItems), others.toArray(new int[0][]),
              options.temperature(), options.augmentImages());
      TrainingSummary summary;
      try (TrainingLoop loop = TrainingLoop.create(options.training(), task)) {
        summary = loop.trainToEnd();
      }
      LOG.info(
          "Trained the embedder: {} steps, loss {} -> {}, {} samples/s, {} s",
          summary.steps(), String.format("%.4f", summary.firstLoss()), String.format("%.4f", summary.lastLoss()),
          String.format("%.1f", summary.samplesPerSecond()), String.format("%.1f", summary.seconds()));
      return new Result(
          new BuiltInEmbedder(manager, network, "unsaved", batchSize), summary, queryItems.size(), skipped,
          prepareSeconds);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static void store(
      Path file, MiniLmEncoder encoder, Map<String, float[]> stored, List<EmbeddingInput> items, PreparedItems prepared) {
    Map<String, float[]> all = new HashMap<>(stored);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).hasText()) {
        all.put(items.get(i).text(), prepared.text(i));
      }
    }
    if (all.size() > stored.size()) {
      TextFeatureStore.write(file, encoder.featureTag(), all);
      LOG.info("Text feature cache {} now holds {} texts", file, all.size());
    }
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
