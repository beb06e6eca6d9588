package org.unime.udfs.rerank;

import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelCache;

/**
 * Opens rerankers by artifact URI, once per JVM: the executor-side entry point. The first call loads the model on
 * {@code device} through the {@link ModelCache} (keyed by URI and content version); later calls share it. Do not
 * close the returned model; {@code ModelCache.clear()} releases it.
 */
public final class RerankerModels {
  private RerankerModels() {}

  /** The shared reranker at {@code uri}; {@code batchSize} is pairwise prompts per forward pass. */
  public static RerankerModel open(String uri, DeviceSpec device, int batchSize) {
    return ModelCache.open(uri, RerankerModel.class, artifact -> RerankerModel.load(artifact, device, batchSize));
  }
}
