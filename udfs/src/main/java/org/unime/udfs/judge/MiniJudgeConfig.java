package org.unime.udfs.judge;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.unime.udfs.model.ModelManifest;

/**
 * Architecture of the built-in mini-MLLM judge; stored in the artifact manifest so a load rebuilds the same network.
 *
 * @param dim model width
 * @param heads attention heads ({@code dim} must be divisible by it)
 * @param layers decoder layers
 * @param ffnDim hidden width of each layer's feed-forward block
 * @param maxPositions longest sequence (prefix + suffix + answer position)
 * @param imageSize images are resized to {@code imageSize x imageSize} RGB
 * @param patchSize side of the square patches an image is cut into; each is one image token
 * @param maxTextTokens item texts (query, candidate) are cut to this many tokens
 * @param colourBins levels per RGB channel of each image's colour-histogram token (0 = no such token): one extra
 *     image position carrying the image's global colour distribution, which makes colour attributes (skin tone,
 *     filled vs outline) directly visible instead of having to be pooled from patches
 * @param embedderDim width of the frozen stage-1 embedder's item vectors fed in as one extra position per item
 *     (and as a cosine prior at the head), or 0 for none; the embedder is stored inside the judge's artifact
 * @param vocabSize rows of the token embedding: the {@link MiniJudgeVocabulary}'s size
 */
public record MiniJudgeConfig(
    int dim,
    int heads,
    int layers,
    int ffnDim,
    int maxPositions,
    int imageSize,
    int patchSize,
    int maxTextTokens,
    int colourBins,
    int embedderDim,
    int vocabSize)
    implements Serializable {

  /** Architecture type written to and checked in the manifest. */
  public static final String TYPE = "mini-mllm-judge-v1";
  /** Vocabulary size of the bundled all-MiniLM-L6-v2 tokenizer. */
  public static final int MINILM_VOCAB = 30522;

  public MiniJudgeConfig {
    require(dim >= 8 && heads >= 1 && dim % heads == 0, "dim must be >= 8 and divisible by heads", dim + "/" + heads);
    require(layers >= 1 && ffnDim >= 1, "layers and ffn-dim must be >= 1", layers + ", " + ffnDim);
    require(imageSize >= patchSize && patchSize >= 1 && imageSize % patchSize == 0,
        "image-size must be a multiple of patch-size", imageSize + "/" + patchSize);
    require(maxTextTokens >= 1 && vocabSize >= 2, "max-text-tokens and vocab size must be positive",
        maxTextTokens + ", " + vocabSize);
    require(colourBins >= 0 && colourBins <= 8, "colour-bins must be in [0, 8]", String.valueOf(colourBins));
    require(embedderDim >= 0, "embedder-dim must be >= 0", String.valueOf(embedderDim));
    require(maxPositions >= 2 * (patchesPerImage(imageSize, patchSize) + 2) + 2 * maxTextTokens + 64,
        "max-positions must hold two images, two texts and the prompt", String.valueOf(maxPositions));
  }

  /** The proposed reference.conf values (trains on 2 CPU cores in minutes), for a vocabulary of {@code vocabSize}. */
  public static MiniJudgeConfig defaults(int vocabSize) {
    return new MiniJudgeConfig(128, 4, 3, 384, 192, 32, 8, 24, 4, 0, vocabSize);
  }

  /** The same architecture over another vocabulary size (the trainer sets it from the training texts). */
  public MiniJudgeConfig withVocabSize(int size) {
    return new MiniJudgeConfig(
        dim, heads, layers, ffnDim, maxPositions, imageSize, patchSize, maxTextTokens, colourBins, embedderDim, size);
  }

  /** The same architecture fed by an embedder of width {@code width} (0 = none). */
  public MiniJudgeConfig withEmbedderDim(int width) {
    return new MiniJudgeConfig(
        dim, heads, layers, ffnDim, maxPositions, imageSize, patchSize, maxTextTokens, colourBins, width, vocabSize);
  }

  public int headDim() {
    return dim / heads;
  }

  public int patchesPerImage() {
    return patchesPerImage(imageSize, patchSize);
  }

  /** Values of one patch: RGB x patch x patch. */
  public int patchDim() {
    return 3 * patchSize * patchSize;
  }

  /** Bins of the colour-histogram token (0 when it is off). */
  public int colourFeatures() {
    return colourBins * colourBins * colourBins;
  }

  /** Input width of every image position: patch values, then histogram bins (zeros where not applicable). */
  public int imageFeatureDim() {
    return patchDim() + colourFeatures();
  }

  /** Sequence positions one image takes: its patches plus the histogram token when enabled. */
  public int tokensPerImage() {
    return patchesPerImage() + (colourBins > 0 ? 1 : 0);
  }

  public Map<String, String> toArchitecture() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("type", TYPE);
    m.put("dim", Integer.toString(dim));
    m.put("heads", Integer.toString(heads));
    m.put("layers", Integer.toString(layers));
    m.put("ffn-dim", Integer.toString(ffnDim));
    m.put("max-positions", Integer.toString(maxPositions));
    m.put("image-size", Integer.toString(imageSize));
    m.put("patch-size", Integer.toString(patchSize));
    m.put("max-text-tokens", Integer.toString(maxTextTokens));
    m.put("colour-bins", Integer.toString(colourBins));
    m.put("embedder-dim", Integer.toString(embedderDim));
    m.put("vocab-size", Integer.toString(vocabSize));
    m.put("tokenizer", "classpath:" + MiniJudgeEncoder.TOKENIZER_RESOURCE);
    m.put("vocabulary", MiniJudgeVocabulary.FILE);
    m.put("prompt", "spec-3-verbatim");
    return m;
  }

  /** Rebuilds the configuration from a manifest; fails if the artifact is not a mini judge. */
  public static MiniJudgeConfig fromManifest(ModelManifest manifest) {
    String type = manifest.architectureValue("type");
    if (!TYPE.equals(type)) {
      throw new org.unime.udfs.model.ModelException(
          "Cannot load model " + manifest.id() + " as the mini judge: its architecture type is " + type
              + ", expected " + TYPE);
    }
    return new MiniJudgeConfig(
        intValue(manifest, "dim"), intValue(manifest, "heads"), intValue(manifest, "layers"),
        intValue(manifest, "ffn-dim"), intValue(manifest, "max-positions"), intValue(manifest, "image-size"),
        intValue(manifest, "patch-size"), intValue(manifest, "max-text-tokens"), intValue(manifest, "colour-bins"),
        intValue(manifest, "embedder-dim"), intValue(manifest, "vocab-size"));
  }

  private static int intValue(ModelManifest manifest, String key) {
    return Integer.parseInt(manifest.architectureValue(key));
  }

  private static int patchesPerImage(int imageSize, int patchSize) {
    int side = imageSize / Math.max(1, patchSize);
    return side * side;
  }

  private static void require(boolean ok, String what, String got) {
    if (!ok) {
      throw new IllegalArgumentException("Cannot configure the mini judge: " + what + " (got " + got + ")");
    }
  }
}
