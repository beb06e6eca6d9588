package org.unime.udfs.evaluate;

import java.util.List;
import org.unime.udfs.embed.BuiltInEmbedder;
import org.unime.udfs.embed.EmbeddingInput;
import org.unime.udfs.embed.EmbeddingModel;
import org.unime.udfs.model.DeviceSpec;
import org.unime.udfs.model.ModelArtifact;
import org.unime.udfs.torchscript.TorchScriptArtifacts;

/**
 * Opens an embedding artifact of either kind for evaluation on the driver: a built-in embedder (loaded here and
 * closed by the caller) or an imported TorchScript export (shared through the model cache, so closing the returned
 * handle does nothing).
 */
final class EmbedderOpener {
  private EmbedderOpener() {}

  static EmbeddingModel open(String uri, DeviceSpec device, int batchSize) {
    ModelArtifact artifact = ModelArtifact.open(uri);
    if (TorchScriptArtifacts.TYPE.equals(artifact.manifest().architecture().get("type"))) {
      return new Shared(TorchScriptArtifacts.openEmbedder(uri, device, batchSize));
    }
    return BuiltInEmbedder.load(artifact, device, batchSize);
  }

  /** A non-closing view of a cached model. */
  private record Shared(EmbeddingModel delegate) implements EmbeddingModel {
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
    public int batchSize() {
      return delegate.batchSize();
    }

    @Override
    public float[][] embed(List<EmbeddingInput> items) {
      return delegate.embed(items);
    }

    @Override
    public void close() {
      // shared: released by ModelCache.clear()
    }
  }
}
