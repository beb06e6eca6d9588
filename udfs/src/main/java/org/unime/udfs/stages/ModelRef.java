package org.unime.udfs.stages;

import java.io.Serializable;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.judge.JudgeModel;
import org.unime.udfs.judge.MiniJudge;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.model.ModelCache;

/**
 * What an executor needs to open a model: the artifact URI, the device and the batch size. Small and serializable,
 * so it is what Spark closures carry; the model itself is loaded once per executor JVM through {@link ModelCache}
 * and shared by its tasks (so stages never close it).
 */
public record ModelRef(String uri, String device, int batchSize) implements Serializable {

  public ModelRef {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("Cannot reference a model: the artifact URI is empty");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("Cannot reference model " + uri + ": batch size must be >= 1 (got " + batchSize + ")");
    }
  }

  /** The manifest's version, read on the driver so outputs can be keyed by it before any executor runs. */
  public String version() {
    return ModelArtifact.open(uri).manifest().version();
  }

  /** The manifest's id. */
  public String id() {
    return ModelArtifact.open(uri).manifest().id();
  }

  EmbeddingModel embedder() {
    DeviceSpec spec = DeviceSpec.parse(device);
    return ModelCache.open(uri, EmbeddingModel.class, artifact -> BuiltInEmbedder.load(artifact, spec, batchSize));
  }

  JudgeModel judge() {
    DeviceSpec spec = DeviceSpec.parse(device);
    return ModelCache.open(uri, JudgeModel.class, artifact -> MiniJudge.load(artifact, spec, batchSize));
  }
}
