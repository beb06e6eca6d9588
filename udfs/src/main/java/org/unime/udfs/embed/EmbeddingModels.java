package org.unime.udfs.embed;

import java.util.List;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelCache;

/**
 * Opens embedding models by artifact URI, once per JVM: the executor-side entry point. The first call in a JVM
 * loads the artifact (through {@link ModelCache}, keyed by URI and content version) on {@code device}; later calls
 * share that instance, so the device of the first call wins. The returned handle's {@code close()} does nothing
 * (other tasks may be using the model); {@code ModelCache.clear()} releases it.
 *
 * <pre>{@code
 * EmbeddingModel model = EmbeddingModels.open(settings.embedderUri(), device, settings.embedderBatchSize());
 * float[][] vectors = model.embed(items);   // inside mapPartitions, per partition
 * }</pre>
 */
public final class EmbeddingModels {
  private EmbeddingModels() {}

  /** The shared model at {@code uri}; {@code batchSize} applies to this handle's {@link EmbeddingModel#embed}. */
  public static EmbeddingModel open(String uri, DeviceSpec device, int batchSize) {
    BuiltInEmbedder model =
        ModelCache.open(uri, BuiltInEmbedder.class, artifact -> BuiltInEmbedder.load(artifact, device, batchSize));
    return new SharedHandle(model, batchSize);
  }

  /** A non-closing view of a cached model with its own batch size. */
  private record SharedHandle(EmbeddingModel delegate, int batchSize) implements EmbeddingModel {
    SharedHandle {
      if (batchSize < 1) {
        throw new IllegalArgumentException("Cannot open the embedder: batch size must be >= 1 (got " + batchSize + ")");
      }
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public String version() {
      return delegate.version();
    }

    @Override
    public int dimension() {
      return delegate.dimension();
    }

    @Override
    public float[][] embed(List<EmbeddingInput> items) {
      float[][] out = new float[items.size()][];
      for (int start = 0; start < items.size(); start += batchSize) {
        int end = Math.min(items.size(), start + batchSize);
        float[][] part = delegate.embed(items.subList(start, end));
        System.arraycopy(part, 0, out, start, part.length);
      }
      return out;
    }

    @Override
    public void close() {
      // shared: released by ModelCache.clear()
    }
  }
}
