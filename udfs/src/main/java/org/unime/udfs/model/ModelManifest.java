package org.unime.udfs.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a {@link ModelArtifact}: what the model is, which exact weights it has and what it
 * was trained and measured on.
 *
 * <p>{@code version} is the SHA-256 (hex) of the weight files and the architecture map (see
 * {@link ModelArtifact#contentVersion}); the training data and metrics are deliberately not part of it, so adding a
 * metric to an existing artifact does not change its identity. Maps are copied into sorted maps so the JSON is
 * stable. Immutable and serializable.
 *
 * @param id model id, e.g. {@code builtin-embedder}; names the model in logs and errors
 * @param version content hash of weights + architecture; empty in a draft not yet written
 * @param architecture everything needed to rebuild the network before loading weights (all values as strings)
 * @param trainingData Delta table path → table version read for training
 * @param metrics held-out metrics, e.g. {@code i2t-r1/eval-unseen-concept}
 * @param createdAt ISO-8601 instant the artifact was written
 */
public record ModelManifest(
    String id,
    String version,
    Map<String, String> architecture,
    Map<String, Long> trainingData,
    Map<String, Double> metrics,
    String createdAt)
    implements Serializable {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  public ModelManifest {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Cannot create a model manifest: the id must not be blank");
    }
    version = version == null ? "" : version;
    architecture = sorted(architecture);
    trainingData = sorted(trainingData);
    metrics = sorted(metrics);
    createdAt = createdAt == null ? "" : createdAt;
  }

  /** A manifest to hand to {@link ModelArtifact#write}; version and creation time are filled in on write. */
  public static ModelManifest draft(String id, Map<String, String> architecture, Map<String, Long> trainingData) {
    return new ModelManifest(id, "", architecture, trainingData, Map.of(), "");
  }

  /** The architecture value for a key; a missing key is an incompatible artifact. */
  public String architectureValue(String key) {
    String value = architecture.get(key);
    if (value == null) {
      throw new ModelException(
          "Cannot read model " + id + ": its manifest has no architecture key " + key + " (keys: "
              + architecture.keySet() + "); was it written by another model type?");
    }
    return value;
  }

  public ModelManifest withVersion(String newVersion, String newCreatedAt) {
    return new ModelManifest(id, newVersion, architecture, trainingData, metrics, newCreatedAt);
  }

  /** Adds or replaces metrics (the version is unchanged). */
  public ModelManifest withMetrics(Map<String, Double> more) {
    Map<String, Double> merged = new TreeMap<>(metrics);
    merged.putAll(more);
    return new ModelManifest(id, version, architecture, trainingData, merged, createdAt);
  }

  public String toJson() {
    return GSON.toJson(this);
  }

  /** Parses manifest JSON; {@code where} names the file in the error. */
  public static ModelManifest fromJson(String json, String where) {
    try {
      ModelManifest parsed = GSON.fromJson(json, ModelManifest.class);
      if (parsed == null) {
        throw new ModelException("Cannot read model manifest " + where + ": the file is empty");
      }
      // Gson bypasses the canonical constructor; run it for validation and defaults.
      return new ModelManifest(
          parsed.id, parsed.version, parsed.architecture, parsed.trainingData, parsed.metrics, parsed.createdAt);
    } catch (JsonParseException | IllegalArgumentException e) {
      throw new ModelException("Cannot read model manifest " + where + ": not a valid manifest", e);
    }
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
