package org.unime.udfs.rerank;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.unime.udfs.judge.MiniJudgeConfig;
import org.unime.udfs.model.ModelException;
import org.unime.udfs.model.ModelManifest;

/**
 * Architecture of the built-in reranker: the judge's decoder family ({@link MiniJudgeConfig}: width, layers, image
 * patching, text cut, vocabulary, optional frozen embedder) with an answer head over Yes, No and "(1)".."(k)" for
 * k up to {@code maxCandidates}. Stored in the artifact manifest so a load rebuilds the same network.
 *
 * @param backbone decoder shape; its {@code maxPositions} must hold a list of {@code maxCandidates} items (checked
 *     per sequence, with the length in the error)
 * @param maxCandidates the largest list the head can answer over (k of the top-k to rerank)
 */
public record RerankerConfig(MiniJudgeConfig backbone, int maxCandidates) implements Serializable {

  /** Architecture type written to and checked in the manifest. */
  public static final String TYPE = "mini-mllm-reranker-v1";
  /** Head columns before the position answers: Yes, No. */
  static final int PAIR_ANSWERS = 2;

  public RerankerConfig {
    Objects.requireNonNull(backbone, "backbone");
    if (maxCandidates < 1 || maxCandidates > 99) {
      throw new IllegalArgumentException(
          "Cannot configure the reranker: max-candidates must be in [1, 99] (got " + maxCandidates + ")");
    }
  }

  /** Head width: Yes, No, (1)..(maxCandidates). */
  public int headWidth() {
    return PAIR_ANSWERS + maxCandidates;
  }

  public RerankerConfig withBackbone(MiniJudgeConfig other) {
    return new RerankerConfig(other, maxCandidates);
  }

  /** The backbone's architecture map under this type, plus the head and prompt it was built for. */
  public Map<String, String> toArchitecture() {
    Map<String, String> m = new LinkedHashMap<>(backbone.toArchitecture());
    m.put("type", TYPE);
    m.put("max-candidates", Integer.toString(maxCandidates));
    m.put("answers", "Yes,No,(1)..(" + maxCandidates + ")");
    m.put("prompt", "spec-6-verbatim");
    return m;
  }

  /** Rebuilds the configuration from a manifest; fails if the artifact is not a reranker. */
  public static RerankerConfig fromManifest(ModelManifest manifest) {
    String type = manifest.architectureValue("type");
    if (!TYPE.equals(type)) {
      throw new ModelException(
          "Cannot load model " + manifest.id() + " as the reranker: its architecture type is " + type + ", expected "
              + TYPE);
    }
    MiniJudgeConfig backbone = new MiniJudgeConfig(
        intValue(manifest, "dim"), intValue(manifest, "heads"), intValue(manifest, "layers"),
        intValue(manifest, "ffn-dim"), intValue(manifest, "max-positions"), intValue(manifest, "image-size"),
        intValue(manifest, "patch-size"), intValue(manifest, "max-text-tokens"), intValue(manifest, "colour-bins"),
        intValue(manifest, "embedder-dim"), intValue(manifest, "vocab-size"));
    return new RerankerConfig(backbone, intValue(manifest, "max-candidates"));
  }

  private static int intValue(ModelManifest manifest, String key) {
    String value = manifest.architectureValue(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ModelException(
          "Cannot read model " + manifest.id() + ": architecture key " + key + " must be an integer (got " + value
              + ")", e);
    }
  }
}
