package org.unime.conf;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Where trained models live, which device runs them, and how the built-in embedder is trained
 * ({@code unime.models.*}). Built once on the driver; plain values only.
 *
 * @param dir folder holding one artifact folder per model
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N} (parsed by {@code udfs.model.DeviceSpec})
 * @param embedder the built-in embedder
 */
public record ModelSettings(String dir, String device, Embedder embedder) implements Serializable {
  private static final Pattern DEVICE = Pattern.compile("cpu|gpu|gpu:\\d+");

  /**
   * The built-in embedding model (stage-1 pretraining with in-batch InfoNCE).
   *
   * @param uri artifact location (local path or file: URI)
   * @param dimension embedding length
   * @param imageSize side of the square image input, pixels
   * @param temperature InfoNCE temperature
   * @param batchSize training examples per step
   * @param inferenceBatchSize items per forward pass when embedding
   * @param steps optimizer steps
   * @param learningRate peak learning rate
   * @param warmupSteps linear warm-up steps
   * @param weightDecay AdamW decoupled weight decay
   * @param maxGradNorm global gradient-norm clip, 0 = off
   * @param seed initialisation and data-order seed
   * @param maxTrainQueriesPerGroup training queries kept per (dataset, modality), 0 = all
   * @param imageAugmentation how training images are augmented
   * @param logEvery progress line interval in steps
   */
  public record Embedder(
      String uri,
      int dimension,
      int imageSize,
      double temperature,
      int batchSize,
      int inferenceBatchSize,
      int steps,
      double learningRate,
      int warmupSteps,
      double weightDecay,
      double maxGradNorm,
      long seed,
      int maxTrainQueriesPerGroup,
      ImageAugmentation imageAugmentation,
      int logEvery)
      implements Serializable {}

  /** Training-time image augmentation of the built-in embedder. */
  public enum ImageAugmentation {
    /** Images are used as ingested. */
    OFF("off"),
    /** Random shift, brightness/contrast, channel permutation and grayscale; no flips. */
    SHIFT_AND_COLOR("shift-and-color");

    private final String wireName;

    ImageAugmentation(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  static ModelSettings from(ConfigReader r) {
    String dir = r.string("unime.models.dir");
    if (dir.isBlank()) {
      r.problem("unime.models.dir", dir, "must name a folder");
    }
    String device = r.string("unime.models.device").trim();
    if (!DEVICE.matcher(device).matches()) {
      r.problem("unime.models.device", device, "must be cpu, gpu or gpu:N");
    }
    String p = "unime.models.embedder.";
    Embedder embedder =
        new Embedder(
            r.string(p + "uri"),
            r.intAtLeast(p + "dimension", 2),
            r.intAtLeast(p + "image-size", 8),
            r.doubleIn(p + "temperature", 1e-4, 100.0),
            r.intAtLeast(p + "batch-size", 2),
            r.intAtLeast(p + "inference-batch-size", 1),
            r.intAtLeast(p + "steps", 1),
            r.doubleIn(p + "learning-rate", 1e-12, 10.0),
            r.intAtLeast(p + "warmup-steps", 0),
            r.doubleIn(p + "weight-decay", 0.0, 1.0),
            r.doubleIn(p + "max-grad-norm", 0.0, 1e6),
            r.longValue(p + "seed"),
            r.intAtLeast(p + "max-train-queries-per-group", 0),
            r.enumValue(p + "image-augmentation", ImageAugmentation.class, ImageAugmentation::wireName),
            r.intAtLeast(p + "log-every", 1));
    if (embedder.imageSize() % 8 != 0) {
      r.problem(p + "image-size", embedder.imageSize(), "must be divisible by 8 (three 2x2 poolings)");
    }
    if (embedder.warmupSteps() > embedder.steps()) {
      r.problem(p + "warmup-steps", embedder.warmupSteps(), "must not exceed steps (" + embedder.steps() + ")");
    }
    if (embedder.uri().isBlank()) {
      r.problem(p + "uri", embedder.uri(), "must name the artifact folder");
    }
    return new ModelSettings(dir, device, embedder);
  }
}
